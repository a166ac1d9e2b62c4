using Microsoft.Extensions.Time.Testing;
using SencoHub.Teams.Connector;

namespace SencoHub.Teams.Tests.Connector;

public sealed class ConnectorRetryPolicyTests
{
    private static ConnectorRetryPolicy Policy(double random = 0.5, int maxAttempts = 4) =>
        new(new ConnectorRetryOptions { MaxAttempts = maxAttempts }, () => random);

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(4, 8)]
    [InlineData(5, 16)]
    [InlineData(6, 30)]
    [InlineData(20, 30)]
    public void Backoff_DoublesFromOneSecond_CappedAtThirty(int attempt, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), Policy(random: 0.5).Backoff(attempt));
    }

    [Theory]
    [InlineData(0.0, 1600)]
    [InlineData(1.0, 2400)]
    public void Backoff_JittersByTwentyPercent(double random, int milliseconds)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), Policy(random).Backoff(2));
    }

    [Fact]
    public void Jitter_NeverExceedsTheCap()
    {
        Assert.Equal(TimeSpan.FromSeconds(30), Policy(random: 1.0).Backoff(6));
    }

    [Fact]
    public void RetryAfter_IsHonouredExactly()
    {
        Assert.Equal(TimeSpan.FromSeconds(7), Policy().GetDelay(ConnectorFailure.Throttled, TimeSpan.FromSeconds(7), attempt: 1));
    }

    [Fact]
    public void RetryAfter_LongerThanTheMaximum_IsLeftToTheCaller()
    {
        Assert.Null(Policy().GetDelay(ConnectorFailure.Throttled, TimeSpan.FromMinutes(10), attempt: 1));
    }

    [Fact]
    public void ThrottledWithoutRetryAfter_BacksOff()
    {
        Assert.Equal(TimeSpan.FromSeconds(2), Policy().GetDelay(ConnectorFailure.Throttled, null, attempt: 2));
    }

    [Theory]
    [InlineData(ConnectorFailure.TooLarge)]
    [InlineData(ConnectorFailure.ConversationGone)]
    [InlineData(ConnectorFailure.Unauthorized)]
    [InlineData(ConnectorFailure.BadRequest)]
    [InlineData(ConnectorFailure.NotFound)]
    [InlineData(ConnectorFailure.UntrustedServiceUrl)]
    public void NonThrottlingFailures_AreNeverRetried(ConnectorFailure failure)
    {
        Assert.Null(Policy().GetDelay(failure, TimeSpan.FromSeconds(1), attempt: 1));
    }

    [Fact]
    public void MaxAttempts_CountsTheFirstAttempt()
    {
        var policy = Policy(maxAttempts: 4);

        Assert.NotNull(policy.GetDelay(ConnectorFailure.Throttled, null, attempt: 3));
        Assert.Null(policy.GetDelay(ConnectorFailure.Throttled, null, attempt: 4));
    }

    [Fact]
    public async Task Execute_WaitsOnTheClock_ThenSucceeds()
    {
        var clock = new FakeTimeProvider();
        var calls = 0;
        var task = Policy().ExecuteAsync(
            _ => ++calls == 1
                ? throw new ConnectorException(ConnectorFailure.Throttled, (System.Net.HttpStatusCode)429, "throttled", retryAfter: TimeSpan.FromSeconds(3))
                : Task.FromResult("sent"),
            clock);

        Assert.False(task.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal("sent", await task.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task Execute_RethrowsWhatMustNotBeRetried()
    {
        var calls = 0;

        var error = await Assert.ThrowsAsync<ConnectorException>(() => Policy().ExecuteAsync<string>(
            _ =>
            {
                calls++;
                throw new ConnectorException(ConnectorFailure.TooLarge, System.Net.HttpStatusCode.RequestEntityTooLarge, "too big");
            },
            new FakeTimeProvider()));

        Assert.Equal(ConnectorFailure.TooLarge, error.Failure);
        Assert.Equal(1, calls);
    }
}
