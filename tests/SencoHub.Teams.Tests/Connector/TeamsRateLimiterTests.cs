using Microsoft.Extensions.Time.Testing;
using SencoHub.Teams.Connector;

namespace SencoHub.Teams.Tests.Connector;

public sealed class TeamsRateLimiterTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 22, 9, 0, 0, TimeSpan.Zero));

    private TeamsRateLimiter Limiter(int perTenant = 50) =>
        new(new TeamsRateLimitOptions { PerTenantPerSecond = perTenant, WindowMargin = TimeSpan.Zero }, _clock);

    private static int Take(TeamsRateLimiter limiter, string conversation, int count, string? tenant = "t")
    {
        var taken = 0;
        for (var i = 0; i < count; i++)
        {
            if (limiter.TryAcquire(conversation, tenant, out _))
            {
                taken++;
            }
        }

        return taken;
    }

    [Fact]
    public void SevenPerSecond_ThenTheEighthWaitsForTheFirstToLeaveTheWindow()
    {
        var limiter = Limiter();
        Assert.Equal(7, Take(limiter, "c", 7));
        _clock.Advance(TimeSpan.FromMilliseconds(300));

        Assert.False(limiter.TryAcquire("c", "t", out var delay));
        Assert.Equal(TimeSpan.FromMilliseconds(700), delay);

        _clock.Advance(delay);
        Assert.True(limiter.TryAcquire("c", "t", out _));
    }

    [Fact]
    public void EightPerTwoSeconds_HoldsEvenWhenEachSecondIsUnderSeven()
    {
        var limiter = Limiter();
        Assert.Equal(7, Take(limiter, "c", 7));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(limiter.TryAcquire("c", "t", out _));

        Assert.False(limiter.TryAcquire("c", "t", out var delay));
        Assert.Equal(TimeSpan.FromSeconds(1), delay);
    }

    [Fact]
    public void SixtyPerThirtySeconds_AtAPaceTheShortWindowsAllow()
    {
        var limiter = Limiter();
        var sent = 0;
        var firstRefusalAt = TimeSpan.Zero;
        for (var elapsed = TimeSpan.Zero; elapsed < TimeSpan.FromSeconds(30); elapsed += TimeSpan.FromMilliseconds(250))
        {
            if (limiter.TryAcquire("c", "t", out _))
            {
                sent++;
            }
            else if (firstRefusalAt == TimeSpan.Zero)
            {
                firstRefusalAt = elapsed;
            }

            _clock.Advance(TimeSpan.FromMilliseconds(250));
        }

        Assert.Equal(60, sent);
        Assert.Equal(TimeSpan.FromSeconds(15), firstRefusalAt);
    }

    [Fact]
    public void EighteenHundredPerHour()
    {
        var limiter = Limiter();
        var sent = 0;
        for (var i = 0; i < 3600; i++)
        {
            sent += Take(limiter, "c", 1);
            _clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Equal(1800, sent);
    }

    [Fact]
    public void Conversations_AreIndependent_ButShareTheTenantLimit()
    {
        var limiter = Limiter(perTenant: 50);
        var sent = 0;
        for (var i = 0; i < 60; i++)
        {
            sent += Take(limiter, "c" + i, 1);
        }

        Assert.Equal(50, sent);
        Assert.True(limiter.TryAcquire("c-other-tenant", "another-tenant", out _));
        Assert.False(limiter.TryAcquire("c-new", "t", out var delay));
        Assert.Equal(TimeSpan.FromSeconds(1), delay);
    }

    [Fact]
    public void ARefusal_TakesNothing()
    {
        var limiter = Limiter(perTenant: 8);
        Assert.Equal(7, Take(limiter, "busy", 7));
        Assert.False(limiter.TryAcquire("busy", "t", out _));

        Assert.True(limiter.TryAcquire("quiet", "t", out _));
        Assert.False(limiter.TryAcquire("quiet", "t", out _));
    }

    [Fact]
    public async Task WaitAsync_ReturnsOnceTheWindowAllows()
    {
        var limiter = Limiter();
        Take(limiter, "c", 7);

        var waiting = limiter.WaitAsync("c", "t");
        Assert.False(waiting.IsCompleted);

        _clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(waiting.IsCompleted);
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        await waiting.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task WaitAsync_HonoursCancellation()
    {
        var limiter = Limiter();
        Take(limiter, "c", 7);
        using var cts = new CancellationTokenSource();

        var waiting = limiter.WaitAsync("c", "t", cts.Token);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }

    [Fact]
    public void IdleConversations_AreForgotten()
    {
        var limiter = Limiter();
        for (var i = 0; i < 1000; i++)
        {
            _clock.Advance(TimeSpan.FromMilliseconds(40));
            Assert.True(limiter.TryAcquire("c" + i, "t" + (i % 40), out _));
        }

        Assert.Equal(1000, limiter.TrackedConversations);
        _clock.Advance(TimeSpan.FromHours(1));
        Assert.True(limiter.TryAcquire("fresh", "t", out _));

        Assert.Equal(1, limiter.TrackedConversations);
    }

    [Fact]
    public void Margin_WidensEveryWindow()
    {
        var limiter = new TeamsRateLimiter(new TeamsRateLimitOptions { WindowMargin = TimeSpan.FromMilliseconds(200) }, _clock);
        Take(limiter, "c", 7);

        Assert.False(limiter.TryAcquire("c", "t", out var delay));
        Assert.Equal(TimeSpan.FromMilliseconds(1200), delay);
    }

    [Fact]
    public async Task ConcurrentCallers_NeverExceedTheLimit()
    {
        var limiter = Limiter();
        var granted = 0;

        await Task.WhenAll(Enumerable.Range(0, 8).Select(worker => Task.Run(() =>
        {
            for (var i = 0; i < 100; i++)
            {
                if (limiter.TryAcquire("shared", "t", out _))
                {
                    Interlocked.Increment(ref granted);
                }
            }
        })));

        Assert.Equal(7, granted);
    }

    [Fact]
    public void InvalidOptions_AreRejected()
    {
        var options = new TeamsRateLimitOptions { PerTenantPerSecond = 0 };

        Assert.Throws<ArgumentException>(() => new TeamsRateLimiter(options, _clock));
    }
}
