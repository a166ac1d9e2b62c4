using SencoHub.Benchmarks;

// Speed and memory of SencoHub, measured on demand (not part of the test suite):
//   dotnet run -c Release --project tests/SencoHub.Benchmarks -- [name ...]
// Each benchmark measures a baseline in the same run and prints the ratio against its target.
var selected = args.Length == 0 ? BenchmarkCatalog.All : BenchmarkCatalog.All.Where(b => args.Contains(b.Name, StringComparer.OrdinalIgnoreCase)).ToList();
if (selected.Count == 0)
{
    Console.Error.WriteLine($"Unknown benchmark. Choose from: {string.Join(", ", BenchmarkCatalog.All.Select(b => b.Name))}");
    return 2;
}

var failed = 0;
foreach (var benchmark in selected)
{
    Console.WriteLine($"== {benchmark.Name}: {benchmark.Description}");
    var met = await benchmark.RunAsync();
    Console.WriteLine($"== {benchmark.Name}: {(met ? "target met" : "TARGET MISSED")}");
    Console.WriteLine();
    failed += met ? 0 : 1;
}

return failed == 0 ? 0 : 1;
