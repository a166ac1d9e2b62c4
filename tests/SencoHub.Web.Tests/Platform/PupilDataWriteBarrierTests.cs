using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SencoHub.Testing;
using SencoHub.Web.Features.Calendar;
using SencoHub.Web.Features.CheckIns;
using SencoHub.Web.Features.Directory;
using SencoHub.Web.Platform.Data;
using SencoHub.Web.Platform.Hosting;
using SencoHub.Web.Platform.Web;

namespace SencoHub.Web.Tests.Platform;

/// <summary>Whatever writes a free-text column, a pupil identifier in it is never saved.</summary>
public sealed class PupilDataWriteBarrierTests
{
    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task ANewRowWithAPupilIdentifier_IsRefused_AndNothingIsSaved(TestProvider provider)
    {
        await using var app = await new SencoHubApp(provider).StartAsync();

        var refused = await Assert.ThrowsAsync<ProblemException>(() => app.WithDbAsync(db =>
        {
            db.Add(new NonSchoolDay { Date = new DateOnly(2026, 12, 1), Reason = "Closed: A-7000-0000-0557" });
            return db.SaveChangesAsync();
        }));

        Assert.Equal(400, refused.Status);
        Assert.Equal([PupilDataGuard.Message], refused.Errors["reason"]);
        Assert.Equal(0, await app.WithDbAsync(db => db.Set<NonSchoolDay>().CountAsync()));
    }

    [Fact]
    public async Task AChangedColumn_IsReadAgain_AndAnIdentifierColumnIsNot()
    {
        await using var app = await new SencoHubApp().StartAsync();
        var senco = DemoTrust.SencoOf("nb-oak");

        await Assert.ThrowsAsync<ProblemException>(() => app.WithDbAsync(async db =>
        {
            (await db.Set<Person>().SingleAsync(p => p.AadObjectId == senco.AadObjectId)).Name = "\u0410700000000037";
            return await db.SaveChangesAsync();
        }));
        // An e-mail address is an identifier, not prose: its format is checked where it is read.
        await app.WithDbAsync(async db =>
        {
            (await db.Set<Person>().SingleAsync(p => p.AadObjectId == senco.AadObjectId)).Email = "a700000000037@example.org";
            return await db.SaveChangesAsync();
        });

        Assert.Equal(senco.Name, await app.WithDbAsync(db => db.Set<Person>().Where(p => p.AadObjectId == senco.AadObjectId).Select(p => p.Name).SingleAsync()));
    }

    [Fact]
    public async Task AJsonColumn_IsReadStringByString_AfterUnescaping()
    {
        await using var app = await new SencoHubApp().StartAsync();
        // "\u0041" is an escaped A: the stored text reads A700000000037 to anyone who opens it.
        var refused = await Assert.ThrowsAsync<ProblemException>(() => app.WithScopeAsync(async services =>
        {
            var db = services.GetRequiredService<SencoHubDb>();
            var template = await db.CurrentCheckInTemplateAsync();
            var json = template!.DefinitionJson;
            Assert.StartsWith("{", json, StringComparison.Ordinal);
            db.Entry(template).Property(t => t.DefinitionJson).CurrentValue = "{\"notes\":\"\\u0041700000000037\"," + json[1..];
            await db.SaveChangesAsync();
        }));

        Assert.Equal(400, refused.Status);
        Assert.True(refused.Errors.ContainsKey("definitionJson"));
    }
}
