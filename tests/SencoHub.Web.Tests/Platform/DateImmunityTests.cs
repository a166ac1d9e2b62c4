using System.Text.RegularExpressions;
using SencoHub.Testing;

namespace SencoHub.Web.Tests.Platform;

/// <summary>
/// The suite passes whatever day it runs. Two rules make that hold: the app reads "now" only from
/// TimeProvider (so a test's fake clock decides what day it is), and every test that lets the
/// machine's clock reach the app is in the date proof, which test.sh runs again at three faked dates.
/// </summary>
public sealed partial class DateImmunityTests
{
    private const string MachineClockTrait = "[Trait(\"Clock\", \"Machine\")]";

    private static readonly string RepoRoot = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(AppProcess.AppDll)!, "..", "..", "..", "..", ".."));

    [Fact]
    public void TheAppReadsTheTimeOnlyFromTimeProvider()
    {
        var offenders = SourceFiles("src")
            .SelectMany(file => File.ReadLines(file).Select((line, index) => (file, line, index)))
            .Where(l => MachineClockRead().IsMatch(l.line))
            .Select(l => $"{Path.GetRelativePath(RepoRoot, l.file)}:{l.index + 1}: {l.line.Trim()}")
            .ToList();

        Assert.True(offenders.Count == 0, "Read the time from the injected TimeProvider instead:\n" + string.Join('\n', offenders));
    }

    [Fact]
    public void EveryTestOnTheMachineClock_IsInTheDateProof()
    {
        var offenders = SourceFiles("tests")
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}SencoHub.Testing{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !file.Contains($"{Path.DirectorySeparatorChar}SencoHub.Benchmarks{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !file.EndsWith(nameof(DateImmunityTests) + ".cs", StringComparison.Ordinal))
            .Where(file => File.ReadAllText(file) is var text && MachineClockUse().IsMatch(text) && !text.Contains(MachineClockTrait, StringComparison.Ordinal))
            .Select(file => Path.GetRelativePath(RepoRoot, file))
            .ToList();

        Assert.True(offenders.Count == 0, $"These tests run the app on the machine's clock; mark the class {MachineClockTrait}:\n" + string.Join('\n', offenders));
    }

    [Fact]
    public void TheTestCommand_RunsTheDateProofAtThreeDates()
    {
        var testCommand = File.ReadAllText(Path.Combine(RepoRoot, "test.sh"));

        Assert.Contains("Clock=Machine", testCommand, StringComparison.Ordinal);
        Assert.Equal(3, FakedDate().Matches(testCommand).Count);
    }

    private static IEnumerable<string> SourceFiles(string under) =>
        System.IO.Directory.EnumerateFiles(Path.Combine(RepoRoot, under), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    [GeneratedRegex(@"\bDateTime(Offset)?\.(Now|UtcNow|Today)\b")]
    private static partial Regex MachineClockRead();

    [GeneratedRegex(@"\.UseRealClock\(\)|AppProcess\.Start\(")]
    private static partial Regex MachineClockUse();

    [GeneratedRegex(@"^\s*""\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}""", RegexOptions.Multiline)]
    private static partial Regex FakedDate();
}
