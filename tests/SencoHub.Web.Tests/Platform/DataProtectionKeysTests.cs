using System.Security.Cryptography;
using System.Xml.Linq;
using Azure;
using Azure.Core.Cryptography;
using Azure.Security.KeyVault.Keys;
using Azure.Security.KeyVault.Keys.Cryptography;
using Azure.Storage.Blobs;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SencoHub.Testing;
using SencoHub.Web.Tests.Library;
using SencoHub.Web.Platform.Keys;

namespace SencoHub.Web.Tests.Platform;

/// <summary>
/// Data-protection keys (they sign the session cookie and anti-forgery tokens): by default in the
/// app database; in Azure in Blob Storage (real Azurite here), each wrapped by a Key Vault key. Key
/// Vault itself cannot run offline: the Azure SDK's own <see cref="CryptographyClient"/> does the
/// RSA-OAEP-256 wrap and unwrap locally with a key of the same kind.
/// </summary>
[Trait("Clock", "Machine")] // in the date proof: test.sh runs it again at three faked dates
public sealed class DataProtectionKeysTests
{
    private const string KeyId = "https://sencohub-test.vault.azure.net/keys/dataprotection/0f1e2d3c4b5a69788796a5b4c3d2e1f0";

    [SkippableFact]
    public async Task InAzure_KeysAreInTheBlob_WrappedByTheVaultKey_AndShared_ButUselessWithoutIt()
    {
        var blob = await NewBlobAsync();
        using var vault = new LocalKeyVault(KeyId);
        string protectedText;
        await using (var first = await new SencoHubApp(environment: "Production").UseKeys(blob, vault).StartAsync())
        {
            protectedText = first.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("a session");
            Assert.Equal(0, await first.WithDbAsync(db => db.Set<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey>().CountAsync()));
        }

        var stored = XDocument.Parse((await blob.DownloadContentAsync()).Value.Content.ToString());
        var key = Assert.Single(stored.Root!.Elements("key"));
        var encrypted = key.Descendants("encryptedKey").Single();
        Assert.Equal(KeyId, (string?)encrypted.Element("kid"));
        Assert.Empty(key.Descendants("masterKey"));
        Assert.True(vault.Wraps >= 1);

        await using (var second = await new SencoHubApp(environment: "Production").UseKeys(blob, vault).StartAsync())
        {
            Assert.Equal("a session", second.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(protectedText));
            Assert.True(vault.Unwraps >= 1);
        }

        using var impostor = new LocalKeyVault(KeyId);
        await using var withoutTheKey = await new SencoHubApp(environment: "Production").UseKeys(blob, impostor).StartAsync();
        Assert.ThrowsAny<CryptographicException>(() =>
            withoutTheKey.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(protectedText));
    }

    [SkippableFact]
    public async Task ByDefault_KeysAreInTheAppDatabase()
    {
        await using var app = await new SencoHubApp().StartAsync();

        app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("a session");

        Assert.Equal(1, await app.WithDbAsync(db => db.Set<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey>().CountAsync()));
    }

    [SkippableFact]
    public async Task InstancesStoringKeysAtOnce_LoseNone()
    {
        var blob = await NewBlobAsync();
        var instances = Enumerable.Range(0, 4).Select(_ => new BlobXmlRepository(blob)).ToList();

        await Task.WhenAll(instances.SelectMany((repository, i) => Enumerable.Range(0, 5).Select(j =>
            Task.Run(() => repository.StoreElement(new XElement("key", new XAttribute("id", $"{i}-{j}")), $"{i}-{j}")))));

        var ids = new BlobXmlRepository(blob).GetAllElements().Select(e => (string)e.Attribute("id")!).Order().ToList();
        Assert.Equal(20, ids.Count);
        Assert.Equal(ids.Distinct().Count(), ids.Count);
    }

    [SkippableFact]
    public async Task AMissingContainer_IsCreated_AndAMissingBlobIsAnEmptyRing()
    {
        var blob = new BlobServiceClient(LibraryTestKit.RequireAzurite()).GetBlobContainerClient("dp-" + Guid.NewGuid().ToString("N")).GetBlobClient("keys.xml");
        var repository = new BlobXmlRepository(blob);

        Assert.Empty(repository.GetAllElements());
        repository.StoreElement(new XElement("key", new XAttribute("id", "k1")), "k1");

        Assert.Single(repository.GetAllElements());
        Assert.True((await blob.ExistsAsync()).Value);
    }

    [Theory]
    [InlineData("value")]
    [InlineData("tag")]
    [InlineData("kid")]
    public void ATamperedKey_IsNotDecrypted(string part)
    {
        using var vault = new LocalKeyVault(KeyId, KeyId + "-other");
        var secret = new XElement("masterKey", new XElement("value", "c2VjcmV0"));
        var encrypted = new KeyVaultXmlEncryptor(vault, KeyId).Encrypt(secret).EncryptedElement;
        var decryptor = new KeyVaultXmlDecryptor(new ServiceCollection().AddSingleton<IKeyEncryptionKeyResolver>(vault).BuildServiceProvider());
        Assert.Equal(secret.ToString(), decryptor.Decrypt(new XElement(encrypted)).ToString());

        var element = encrypted.Element(part)!;
        element.Value = part == "kid" ? KeyId + "-other" : Flip(element.Value);

        Assert.ThrowsAny<CryptographicException>(() => decryptor.Decrypt(encrypted));
    }

    [SkippableFact]
    public async Task ABlobOrKeyThatIsNotHttps_StopsTheApp_WithTheSettingNamed()
    {
        await using var app = AppProcess.Start(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
            ["SencoHub__DataDirectory"] = System.IO.Directory.CreateTempSubdirectory("sencohub-dp-").FullName,
            ["SencoHub__DataProtection__KeyVaultKeyId"] = "http://vault.example/keys/dataprotection",
        });

        Assert.Equal(1, await app.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("SencoHub cannot start", app.StandardError);
        Assert.Contains("SencoHub:DataProtection:KeyVaultKeyId", app.StandardError);
        Assert.DoesNotContain("   at ", app.StandardError);
    }

    private static async Task<BlobClient> NewBlobAsync()
    {
        var container = new BlobServiceClient(LibraryTestKit.RequireAzurite()).GetBlobContainerClient("dp-" + Guid.NewGuid().ToString("N"));
        await container.CreateAsync();
        return container.GetBlobClient("keys.xml");
    }

    private static string Flip(string base64)
    {
        var bytes = Convert.FromBase64String(base64);
        bytes[0] ^= 0x01;
        return Convert.ToBase64String(bytes);
    }

    /// <summary>RSA keys by key id, used through the Azure SDK's local <see cref="CryptographyClient"/>.</summary>
    private sealed class LocalKeyVault : IKeyEncryptionKeyResolver, IDisposable
    {
        private readonly Dictionary<string, (RSA Rsa, CountingKey Client)> _keys = [];

        public LocalKeyVault(params string[] keyIds)
        {
            foreach (var id in keyIds)
            {
                var rsa = RSA.Create(2048);
                var jwk = new JsonWebKey(rsa, includePrivateParameters: true, [KeyOperation.WrapKey, KeyOperation.UnwrapKey]) { Id = id };
                _keys[id] = (rsa, new CountingKey(new CryptographyClient(jwk), this));
            }
        }

        public int Wraps;
        public int Unwraps;

        public IKeyEncryptionKey Resolve(string keyId, CancellationToken cancellationToken = default) =>
            _keys.TryGetValue(keyId, out var key) ? key.Client : throw new RequestFailedException(404, $"No key {keyId}");

        public Task<IKeyEncryptionKey> ResolveAsync(string keyId, CancellationToken cancellationToken = default) =>
            Task.FromResult(Resolve(keyId, cancellationToken));

        public void Dispose()
        {
            foreach (var (rsa, _) in _keys.Values)
            {
                rsa.Dispose();
            }
        }

        private sealed class CountingKey(IKeyEncryptionKey inner, LocalKeyVault vault) : IKeyEncryptionKey
        {
            public string KeyId => inner.KeyId;

            public byte[] WrapKey(string algorithm, ReadOnlyMemory<byte> key, CancellationToken cancellationToken = default)
            {
                Interlocked.Increment(ref vault.Wraps);
                return inner.WrapKey(algorithm, key, cancellationToken);
            }

            public Task<byte[]> WrapKeyAsync(string algorithm, ReadOnlyMemory<byte> key, CancellationToken cancellationToken = default) =>
                Task.FromResult(WrapKey(algorithm, key, cancellationToken));

            public byte[] UnwrapKey(string algorithm, ReadOnlyMemory<byte> encryptedKey, CancellationToken cancellationToken = default)
            {
                Interlocked.Increment(ref vault.Unwraps);
                return inner.UnwrapKey(algorithm, encryptedKey, cancellationToken);
            }

            public Task<byte[]> UnwrapKeyAsync(string algorithm, ReadOnlyMemory<byte> encryptedKey, CancellationToken cancellationToken = default) =>
                Task.FromResult(UnwrapKey(algorithm, encryptedKey, cancellationToken));
        }
    }
}

internal static class KeyStorageTestSetup
{
    /// <summary>Keys in this blob, wrapped by this vault's key, as infra configures the app in Azure.</summary>
    public static SencoHubApp UseKeys(this SencoHubApp app, BlobClient blob, IKeyEncryptionKeyResolver vault) => app
        .Setting("SencoHub:DataProtection:KeysBlobUri", blob.Uri.AbsoluteUri)
        .Setting("SencoHub:DataProtection:KeyVaultKeyId", "https://sencohub-test.vault.azure.net/keys/dataprotection/0f1e2d3c4b5a69788796a5b4c3d2e1f0")
        // Azurite takes its development account key, not a managed identity; Key Vault is local.
        .ConfigureServicesWith(s => s
            .AddKeyedSingleton(KeyStorage.KeysBlobClient, blob)
            .AddSingleton(vault));
}
