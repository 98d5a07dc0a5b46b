using Dossier.Api.Archive;
using Dossier.Api.Audit;
using Dossier.Api.Auth;
using Dossier.Api.Calendar;
using Dossier.Api.Catalogue;
using Dossier.Api.Clock;
using Dossier.Api.Dossiers;
using Dossier.Api.Health;
using Dossier.Api.Hosting;
using Dossier.Api.Notifications;
using Dossier.Api.Operations;
using Dossier.Api.Problems;
using Dossier.Api.Statistics;
using Scalar.AspNetCore;

if (RebuildCommand.Matches(args))
{
    Environment.ExitCode = await RebuildCommand.Run(args, Console.Out, Console.Error);
    return;
}

if (ArchiveCommand.Matches(args))
{
    Environment.ExitCode = await ArchiveCommand.Run(args, Console.Out, Console.Error);
    return;
}

if (VerifyCommand.Matches(args))
{
    Environment.ExitCode = await VerifyCommand.Run(args, Console.Out, Console.Error);
    return;
}

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddDossierEngine(builder.Configuration);

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseMiddleware<RequestBodyLimit>();
app.UseAuthentication();
app.UseAuthorization();

app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
app.MapScalarApiReference("/reference", o => o.WithOpenApiRoutePattern("/openapi/{documentName}.json")).AllowAnonymous();
app.MapHealthApi();

var api = app.MapGroup("/api/v1");
if (builder.Configuration.DevTokensEnabled())
{
    api.MapDevTokenApi();
}

if (builder.Configuration.GetValue<bool>(DevClockApi.Setting))
{
    api.MapDevClockApi();
}

api.MapCatalogueApi();
api.MapCalendarApi();
api.MapDossiersApi();
api.MapStatisticsApi();
api.MapNotificationsApi();
api.MapAuditApi();

app.Run();

/// <summary>The entry point, visible to the integration tests' host factory.</summary>
public partial class Program;
