namespace SencoHub.Benchmarks;

/// <summary>A measurement with a target; returns whether the target was met.</summary>
public interface IBenchmark
{
    string Name { get; }
    string Description { get; }
    Task<bool> RunAsync();
}

public static class BenchmarkCatalog
{
    /// <summary>Every benchmark, in the order they run by default. Add new ones here.</summary>
    public static IReadOnlyList<IBenchmark> All { get; } =
    [
        new Teams.InvokeRoundTripBenchmark(),
        new Teams.DeliveryRateBenchmark(),
        new CheckIns.CheckInDashboardBenchmark(),
        new Library.LibrarySearchBenchmark(),
        new Library.LibraryExtensionBenchmark(),
        new Library.LibraryUploadBenchmark(),
    ];
}
