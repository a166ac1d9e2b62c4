using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using SencoHub.Testing;
using SencoHub.Web.Platform.Bot;
using SencoHub.Web.Platform.Data;

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
            offenders.AddRange(internals.Where(i => i.Feature != feature && Regex.IsMatch(text, $@"\b{i.Name}\b"))
                .Select(i => $"{file} uses {i.Feature}.{i.Name}"));
        }

        Assert.Empty(offenders);
    }

    /// <summary>
    /// No string a request can fill may reach the database past the pupil-identifier guard. Tracing
    /// every request type to the columns it ends in would need a call graph and miss new paths
    /// (pages, cards, imports, bot activities), so the rule is held at the one place every write goes
    /// through instead: every string the EF model stores declares what it holds with [StoredText],
    /// and PupilDataWriteBarrier reads every FreeText / FreeTextJson column on each save, whatever
    /// wrote it. This finds any stored string, in any entity, that says nothing: read from the built
    /// model, so a new entity or property is found without anyone listing it here.
    /// </summary>
    [Fact]
    public void EveryStoredString_DeclaresWhetherItIsFreeText()
    {
        using var db = new SqliteSencoHubDb(new DbContextOptionsBuilder<SqliteSencoHubDb>().UseSqlite("Data Source=:memory:").Options);
        var offenders = new List<string>();
        var framework = new List<string>();
        foreach (var entity in db.Model.GetEntityTypes())
        {
            if (entity.ClrType.Assembly != typeof(Program).Assembly)
            {
                // ASP.NET Core's own tables: written by the framework, never from a request.
                framework.Add(entity.ClrType.Name);
                continue;
            }

            foreach (var property in entity.GetProperties().Where(p => p.ClrType == typeof(string) || typeof(IEnumerable<string>).IsAssignableFrom(p.ClrType)))
            {
                if (PupilDataWriteBarrier.KindOf(property.PropertyInfo) is null)
                {
                    offenders.Add($"{entity.ClrType.Name}.{property.Name}");
                }
            }
        }

        Assert.Empty(offenders);
        Assert.Equal([nameof(Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey)], framework);
    }

    [Fact]
    public void CardHandlers_AreNamedVerbNounFromCard_AndCommandsShowNounCommand()
    {
        var app = typeof(Program).Assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false }).ToList();
        Assert.Empty(app.Where(t => typeof(ICardAction).IsAssignableFrom(t) && !Regex.IsMatch(t.Name, "^[A-Z][a-z]+[A-Za-z]+FromCard$")).Select(t => t.FullName));
        Assert.Empty(app.Where(t => typeof(IBotCommand).IsAssignableFrom(t) && !Regex.IsMatch(t.Name, "^Show[A-Z][A-Za-z]*Command$")).Select(t => t.FullName));
    }

    [Fact]
    public void EveryFeatureFolder_HasItsFeatureClass_AndItsApiClassWhenItMapsAnApiGroup()
    {
        var app = typeof(Program).Assembly;
        var offenders = new List<string>();
        var features = Path.Combine(SourceRoot, "src", "SencoHub.Web", "Features");
        foreach (var folder in System.IO.Directory.EnumerateDirectories(features))
        {
            // Folders of pages only (home, sign-in) plug nothing in.
            if (!System.IO.Directory.EnumerateFiles(folder, "*.cs").Any(f => !f.EndsWith(".cshtml.cs", StringComparison.Ordinal)))
            {
                continue;
            }

            var name = Path.GetFileName(folder);
            if (app.GetType($"SencoHub.Web.Features.{name}.{name}Feature") is not { } feature)
            {
                offenders.Add($"{name}: no {name}Feature");
                continue;
            }

            var mapsApi = feature.GetMethod($"Map{name}") is { } map && map.GetParameters() is [{ ParameterType: var group }] && group == typeof(RouteGroupBuilder);
            var api = app.GetType($"SencoHub.Web.Features.{name}.{name}Api");
            if (mapsApi && api?.GetMethod("Map", BindingFlags.Public | BindingFlags.Static, [typeof(RouteGroupBuilder)]) is null)
            {
                offenders.Add($"{name}: Map{name} takes the API group, but there is no public static {name}Api.Map(RouteGroupBuilder)");
            }
        }

        Assert.Empty(offenders);
    }

    [Fact]
    public void Logging_IsOnePrivateLogMethodPerEvent_InTheClassThatLogs()
    {
        // One convention: [LoggerMessage] methods are private, named Log<Event>, next to the code that logs.
        var offenders = typeof(Program).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => m.GetCustomAttribute<Microsoft.Extensions.Logging.LoggerMessageAttribute>() is not null && (!m.IsPrivate || !m.Name.StartsWith("Log", StringComparison.Ordinal)))
            .Select(m => $"{m.DeclaringType!.Name}.{m.Name}")
            .ToList();
        Assert.Empty(offenders);
    }

    [Fact]
    public void FeatureTestKits_AreNamedAfterTheirFeature()
    {
        var offenders = typeof(ArchitectureTests).Assembly.GetTypes()
            .Where(t => t.Name.EndsWith("TestKit", StringComparison.Ordinal) || t.Name.EndsWith("Testing", StringComparison.Ordinal))
            .Where(t => t.Namespace is not { } ns || t.Name != ns.Split('.')[^1] + "TestKit")
            .Select(t => t.FullName)
            .ToList();
        Assert.Empty(offenders);
    }

    private static IEnumerable<string> SourceFiles(string folder) =>
        System.IO.Directory.EnumerateFiles(Path.Combine(SourceRoot, "src", "SencoHub.Web", folder), "*.cs*", SearchOption.AllDirectories);
}
