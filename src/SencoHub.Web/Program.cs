using SencoHub.Web.Features.Actions;
using SencoHub.Web.Features.Bot;
using SencoHub.Web.Features.Calendar;
using SencoHub.Web.Features.CheckIns;
using SencoHub.Web.Features.Directory;
using SencoHub.Web.Features.Library;
using SencoHub.Web.Features.Strategy;
using SencoHub.Web.Platform;

var (_, hostArgs) = AppRunner.SplitCommand(args);
var builder = WebApplication.CreateBuilder(hostArgs);
builder.AddSencoHubPlatform();
builder.Services.AddDirectory();
builder.Services.AddCalendar();
builder.Services.AddBot(builder.Environment);
builder.Services.AddStrategy();
builder.Services.AddCheckIns();
builder.Services.AddActions();
builder.Services.AddLibrary();

var app = builder.Build();
app.UseSencoHubPlatform();
var api = app.MapSencoHubApi();
api.MapDirectory();
api.MapCalendar();
api.MapStrategy();
api.MapCheckIns();
api.MapActions();
api.MapLibrary();
app.MapBot();

return await app.RunSencoHubAsync(args);

/// <summary>Entry point; public so tests can host the app.</summary>
public partial class Program;
