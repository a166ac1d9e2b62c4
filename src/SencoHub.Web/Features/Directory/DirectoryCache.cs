using Microsoft.Extensions.Caching.Memory;
using SencoHub.Web.Platform.Auth;

namespace SencoHub.Web.Features.Directory;

/// <summary>
/// Who is who, kept briefly in memory: every bot turn and API call looks the sender up, and the
/// directory changes rarely. An import here clears it at once; another instance's import shows
/// within <see cref="Lifetime"/>.
/// </summary>
public sealed class DirectoryCache(IMemoryCache cache)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(60);

    private int _generation;

    public async Task<SignedInPerson?> GetOrLoadAsync(string aadObjectId, Func<Task<SignedInPerson?>> load)
    {
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
}
