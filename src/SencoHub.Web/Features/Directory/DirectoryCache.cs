using Microsoft.Extensions.Caching.Memory;
using SencoHub.Web.Platform.Auth;

namespace SencoHub.Web.Features.Directory;

/// <summary>
/// Who is who, kept briefly in memory: every bot turn and API call looks the sender up, and the
/// directory changes rarely. An import here clears it at once. An import by another instance (or
/// the import-directory command) bumps the trust's directory version, which every lookup compares
/// at most once per <see cref="FreshnessCheckInterval"/>, so someone whose roles were taken away
/// is refused on every instance within that second, not after <see cref="Lifetime"/>.
/// </summary>
public sealed class DirectoryCache(IMemoryCache cache, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);
    public static readonly TimeSpan FreshnessCheckInterval = TimeSpan.FromSeconds(1);

    private int _generation;
    private long _version = -1;
    private long _checkedAtTicks;

    public async Task<SignedInPerson?> GetOrLoadAsync(string aadObjectId, Func<Task<int>> readVersion, Func<Task<SignedInPerson?>> load)
    {
        await EnsureFreshAsync(readVersion);
        var key = ("directory-person", Volatile.Read(ref _generation), aadObjectId);
        if (cache.TryGetValue(key, out SignedInPerson? person))
        {
            return person;
        }

        person = await load();
        cache.Set(key, person, Lifetime);
        return person;
    }

    /// <summary>After the directory changed: every later lookup reads it afresh.</summary>
    public void Clear() => Interlocked.Increment(ref _generation);

    private async Task EnsureFreshAsync(Func<Task<int>> readVersion)
    {
        var now = clock.GetUtcNow().UtcTicks;
        if (now - Interlocked.Read(ref _checkedAtTicks) < FreshnessCheckInterval.Ticks)
        {
            return;
        }

        // The version is read before any person is, so nothing loaded after it is older than it.
        var version = await readVersion();
        if (Interlocked.Exchange(ref _version, version) != version)
        {
            Clear();
        }

        Interlocked.Exchange(ref _checkedAtTicks, now);
    }
}
