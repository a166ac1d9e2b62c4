using System.Reflection;
using SencoHub.Testing;

namespace SencoHub.Web.Tests;

public sealed class ArchitectureTests
{
    // AppDll is <root>/src/SencoHub.Web/bin/<config>/net10.0/SencoHub.Web.dll.
    private static readonly string SourceRoot = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(AppProcess.AppDll)!, "..", "..", "..", "..", ".."));

    [Fact]
    public void TeamsLibrary_ReferencesNothingOfTheApp()
    {
        var teams = typeof(SencoHub.Teams.Activities.ChannelAccount).Assembly;
        Assert.DoesNotContain(teams.GetReferencedAssemblies(), a => a.Name!.StartsWith("SencoHub.Web", StringComparison.Ordinal));
        Assert.DoesNotContain(teams.GetTypes(), t => t.Namespace?.Contains("Features", StringComparison.Ordinal) == true);
    }

    [Fact]
    public void Platform_NeverReferencesAFeature()
    {
        var offenders = SourceFiles("Platform")
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => File.ReadAllText(f).Contains("SencoHub.Web.Features", StringComparison.Ordinal))
            .ToList();
        Assert.Empty(offenders);
    }

    [Fact]
    public void Features_UseOnlyEachOthersPublicSurface()
    {
        // A feature's internal types are its own business: no other feature's source may name them.
        var app = typeof(Program).Assembly;
        var internals = app.GetTypes()
            .Where(t => !t.IsPublic && !t.IsNested && t.Namespace?.StartsWith("SencoHub.Web.Features.", StringComparison.Ordinal) == true
                && !t.Name.Contains('<', StringComparison.Ordinal))
            .Select(t => (Feature: t.Namespace!.Split('.')[3], t.Name))
            .ToList();
        var offenders = new List<string>();
        foreach (var file in SourceFiles("Features"))
        {
            var feature = Path.GetRelativePath(Path.Combine(SourceRoot, "src", "SencoHub.Web", "Features"), file).Split(Path.DirectorySeparatorChar)[0];
            var text = File.ReadAllText(file);
            offenders.AddRange(internals.Where(i => i.Feature != feature && System.Text.RegularExpressions.Regex.IsMatch(text, $@"\b{i.Name}\b"))
                .Select(i => $"{file} uses {i.Feature}.{i.Name}"));
        }

        Assert.Empty(offenders);
    }

    private static IEnumerable<string> SourceFiles(string folder) =>
        System.IO.Directory.EnumerateFiles(Path.Combine(SourceRoot, "src", "SencoHub.Web", folder), "*.cs*", SearchOption.AllDirectories);
}
