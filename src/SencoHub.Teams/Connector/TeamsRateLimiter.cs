namespace SencoHub.Teams.Connector;

/// <summary>A limit of <see cref="Limit"/> operations in any sliding <see cref="Window"/>.</summary>
public readonly record struct RateLimitWindow(int Limit, TimeSpan Window);

public sealed class TeamsRateLimitOptions
{
    /// <summary>Per bot, per conversation, for sends and conversation creation (Teams docs: 7/1 s, 8/2 s, 60/30 s, 1800/3600 s).</summary>
    public IList<RateLimitWindow> PerConversation { get; } =
    [
        new(7, TimeSpan.FromSeconds(1)),
        new(8, TimeSpan.FromSeconds(2)),
        new(60, TimeSpan.FromSeconds(30)),
        new(1800, TimeSpan.FromHours(1)),
    ];

    /// <summary>Per app, per tenant, any operation (Teams docs: 50 RPS; older docs said 30).</summary>
    public int PerTenantPerSecond { get; set; } = 50;

    /// <summary>
    /// Added to every window: Teams counts requests when they arrive, and requests sent exactly at
    /// the limit can arrive closer together than they left (the docs call the limits estimates).
    /// </summary>
    public TimeSpan WindowMargin { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// Space tenant-wide requests evenly (one every window/limit) instead of letting a burst fill
    /// the window at once: bursts arrive bunched by network jitter and trip Teams' own count, which
    /// costs more than the pacing. With spreading on, a small <see cref="WindowMargin"/> suffices.
    /// </summary>
    public bool SpreadTenantRequests { get; set; }
}

/// <summary>
/// Keeps outbound Connector traffic inside Teams' documented limits with exact sliding windows.
/// Thread-safe; driven by <see cref="TimeProvider"/>. Conversations idle for longer than the
/// longest window are forgotten, so memory follows the number of recently active conversations.
/// </summary>
public sealed class TeamsRateLimiter
{
    private const string NoTenant = "";

    private readonly RateLimitWindow[] _conversationWindows;
    private readonly RateLimitWindow[] _tenantWindows;
    private readonly TimeSpan _longestWindow;
    private readonly TimeSpan _tenantSpacing;
    private const int PacingSlack = 3;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, TimestampLog> _conversations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TimestampLog> _tenants = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _lock = new();
    private DateTimeOffset _lastSweep;

    public TeamsRateLimiter(TeamsRateLimitOptions? options = null, TimeProvider? timeProvider = null)
    {
        options ??= new TeamsRateLimitOptions();
        if (options.PerConversation.Count == 0 || options.PerConversation.Any(w => w.Limit <= 0 || w.Window <= TimeSpan.Zero)
            || options.PerTenantPerSecond <= 0 || options.WindowMargin < TimeSpan.Zero)
        {
            throw new ArgumentException("Rate limit windows need a positive limit and duration.", nameof(options));
        }

        var margin = options.WindowMargin;
        _conversationWindows = [.. options.PerConversation.Select(w => w with { Window = w.Window + margin })];
        _tenantWindows = [new RateLimitWindow(options.PerTenantPerSecond, TimeSpan.FromSeconds(1) + margin)];
        _tenantSpacing = options.SpreadTenantRequests ? _tenantWindows[0].Window / options.PerTenantPerSecond : TimeSpan.Zero;

        _longestWindow = _conversationWindows.Concat(_tenantWindows).Max(w => w.Window);
        _time = timeProvider ?? TimeProvider.System;
        _lastSweep = _time.GetUtcNow();
    }

    /// <summary>Conversations currently tracked (for tests and diagnostics).</summary>
    public int TrackedConversations
    {
        get
        {
            lock (_lock)
            {
                return _conversations.Count;
            }
        }
    }

    /// <summary>
    /// Takes a slot for one send to <paramref name="conversationId"/> if every window allows it now;
    /// otherwise takes nothing and returns in <paramref name="delay"/> how long until one could.
    /// </summary>
    public bool TryAcquire(string conversationId, string? tenantId, out TimeSpan delay)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            SweepIfDue(now);
            var conversation = GetLog(_conversations, conversationId, _conversationWindows);
            var tenant = GetLog(_tenants, tenantId ?? NoTenant, _tenantWindows);
            delay = Max(conversation.DelayUntilAllowed(_conversationWindows, now), TenantDelay(tenant, now));
            if (delay > TimeSpan.Zero)
            {
                return false;
            }

            conversation.Add(now);
            Grant(tenant, now);
            return true;
        }
    }

    /// <summary>Takes a slot in the tenant-wide limit only (for reads such as member lookups).</summary>
    public bool TryAcquireTenant(string? tenantId, out TimeSpan delay)
    {
        lock (_lock)
        {
            var now = _time.GetUtcNow();
            var tenant = GetLog(_tenants, tenantId ?? NoTenant, _tenantWindows);
            delay = TenantDelay(tenant, now);
            if (delay > TimeSpan.Zero)
            {
                return false;
            }

            Grant(tenant, now);
            return true;
        }
    }

    /// <summary>Returns once a send to <paramref name="conversationId"/> may proceed (the slot is taken).</summary>
    public async Task WaitAsync(string conversationId, string? tenantId, CancellationToken cancellationToken = default)
    {
        while (!TryAcquire(conversationId, tenantId, out var delay))
        {
            await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Returns once a tenant-wide slot is free (the slot is taken).</summary>
    public async Task WaitForTenantAsync(string? tenantId, CancellationToken cancellationToken = default)
    {
        while (!TryAcquireTenant(tenantId, out var delay))
        {
            await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private TimeSpan TenantDelay(TimestampLog tenant, DateTimeOffset now)
    {
        var delay = tenant.DelayUntilAllowed(_tenantWindows, now);
        // Paced on a schedule, not on the last grant, so late timer wake-ups do not add up (GCRA);
        // a few slots of slack let a late caller catch up. The sliding window stays the hard cap.
        return _tenantSpacing > TimeSpan.Zero && tenant.Scheduled > now ? Max(delay, tenant.Scheduled - now - (_tenantSpacing * PacingSlack)) : delay;
    }

    private void Grant(TimestampLog tenant, DateTimeOffset now)
    {
        tenant.Add(now);
        if (_tenantSpacing > TimeSpan.Zero)
        {
            tenant.Scheduled = (tenant.Scheduled > now ? tenant.Scheduled : now) + _tenantSpacing;
        }
    }

    private static TimestampLog GetLog(Dictionary<string, TimestampLog> logs, string key, RateLimitWindow[] windows)
    {
        if (!logs.TryGetValue(key, out var log))
        {
            log = new TimestampLog(windows.Max(w => w.Limit));
            logs[key] = log;
        }

        return log;
    }

    private void SweepIfDue(DateTimeOffset now)
    {
        // Sweeping is O(n); do it at most once a minute, or sooner when the map grows large.
        if (now - _lastSweep < TimeSpan.FromMinutes(1) && _conversations.Count < 10_000)
        {
            return;
        }

        _lastSweep = now;
        Sweep(_conversations, now);
        Sweep(_tenants, now);
    }

    private void Sweep(Dictionary<string, TimestampLog> logs, DateTimeOffset now)
    {
        foreach (var (key, log) in logs)
        {
            if (log.Newest is not { } newest || now - newest >= _longestWindow)
            {
                logs.Remove(key);
            }
        }
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    /// <summary>The most recent send times, oldest first, in a ring of the largest limit's size.</summary>
    private sealed class TimestampLog(int capacity)
    {
        private DateTimeOffset[] _items = new DateTimeOffset[Math.Min(capacity, 8)];
        private int _start;
        private int _count;

        public DateTimeOffset? Newest => _count == 0 ? null : _items[(_start + _count - 1) % _items.Length];

        /// <summary>When the next request is due under even pacing.</summary>
        public DateTimeOffset Scheduled { get; set; }

        public void Add(DateTimeOffset at)
        {
            if (_count == _items.Length)
            {
                if (_items.Length < capacity)
                {
                    Grow();
                }
                else
                {
                    _start = (_start + 1) % _items.Length;
                    _count--;
                }
            }

            _items[(_start + _count) % _items.Length] = at;
            _count++;
        }

        /// <summary>
        /// A window of limit L is full when the L-th most recent send is still inside it; the next
        /// send may go once that one leaves the window.
        /// </summary>
        public TimeSpan DelayUntilAllowed(RateLimitWindow[] windows, DateTimeOffset now)
        {
            var delay = TimeSpan.Zero;
            foreach (var window in windows)
            {
                if (_count < window.Limit)
                {
                    continue;
                }

                var lthNewest = _items[(_start + _count - window.Limit) % _items.Length];
                var freeAt = lthNewest + window.Window;
                if (freeAt > now && freeAt - now > delay)
                {
                    delay = freeAt - now;
                }
            }

            return delay;
        }

        private void Grow()
        {
            var bigger = new DateTimeOffset[Math.Min(capacity, _items.Length * 2)];
            for (var i = 0; i < _count; i++)
            {
                bigger[i] = _items[(_start + i) % _items.Length];
            }

            _items = bigger;
            _start = 0;
        }
    }
}
