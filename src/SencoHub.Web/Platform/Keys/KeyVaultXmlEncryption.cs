using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Azure.Core.Cryptography;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace SencoHub.Web.Platform.Keys;

/// <summary>
/// Encrypts a data-protection key before it is stored: AES-256-GCM under a fresh content key, and
/// that content key wrapped (RSA-OAEP-256) by a Key Vault key that never leaves Key Vault. What is
/// stored is useless without the app's identity being allowed to unwrap with that key.
/// </summary>
public sealed class KeyVaultXmlEncryptor(IKeyEncryptionKeyResolver resolver, string keyId) : IXmlEncryptor
{
    internal const string WrapAlgorithm = "RSA-OAEP-256";
    internal const int TagBytes = 16;

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        ArgumentNullException.ThrowIfNull(plaintextElement);
        var plaintext = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var contentKey = RandomNumberGenerator.GetBytes(32);
        try
        {
            var nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
            var ciphertext = new byte[plaintext.Length];
            var tag = new byte[TagBytes];
            using (var aes = new AesGcm(contentKey, TagBytes))
            {
                // The key id is bound in: the blob cannot be re-labelled to another key.
                aes.Encrypt(nonce, plaintext, ciphertext, tag, Encoding.UTF8.GetBytes(keyId));
            }

            var wrapped = resolver.Resolve(keyId).WrapKey(WrapAlgorithm, contentKey);
            var encrypted = new XElement("encryptedKey",
                new XComment(" This key is encrypted with an Azure Key Vault key. "),
                new XElement("kid", keyId),
                new XElement("wrappedKey", Convert.ToBase64String(wrapped)),
                new XElement("nonce", Convert.ToBase64String(nonce)),
                new XElement("tag", Convert.ToBase64String(tag)),
                new XElement("value", Convert.ToBase64String(ciphertext)));
            return new EncryptedXmlInfo(encrypted, typeof(KeyVaultXmlDecryptor));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(contentKey);
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }
}

/// <summary>Reverses <see cref="KeyVaultXmlEncryptor"/>; created by data protection with the app's services.</summary>
public sealed class KeyVaultXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        ArgumentNullException.ThrowIfNull(encryptedElement);
        var keyId = Required(encryptedElement, "kid");
        var wrapped = Convert.FromBase64String(Required(encryptedElement, "wrappedKey"));
        var nonce = Convert.FromBase64String(Required(encryptedElement, "nonce"));
        var tag = Convert.FromBase64String(Required(encryptedElement, "tag"));
        var ciphertext = Convert.FromBase64String(Required(encryptedElement, "value"));

        var resolver = services.GetRequiredService<IKeyEncryptionKeyResolver>();
        var contentKey = resolver.Resolve(keyId).UnwrapKey(KeyVaultXmlEncryptor.WrapAlgorithm, wrapped);
        var plaintext = new byte[ciphertext.Length];
        try
        {
            using (var aes = new AesGcm(contentKey, KeyVaultXmlEncryptor.TagBytes))
            {
                aes.Decrypt(nonce, ciphertext, tag, plaintext, Encoding.UTF8.GetBytes(keyId));
            }

            return XElement.Parse(Encoding.UTF8.GetString(plaintext));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(contentKey);
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }

    private static string Required(XElement element, string name) =>
        (string?)element.Element(name) ?? throw new CryptographicException($"The encrypted key has no <{name}>.");
}
