using Dossier.Tests.Shared;
using Microsoft.AspNetCore.Hosting;

namespace Dossier.Api.Tests.Fixtures;

/// <summary>
/// The host as ./dossier up runs it: the development clock instead of fake time, and the SLA scheduler running (on a
/// database of its own, since it sweeps every dossier there).
/// </summary>
public sealed class DevClockFactory : ApiFactory
{
    protected override void Configure(IWebHostBuilder builder)
    {
        builder.UseSetting("Dev:ClockControl", "true");
        builder.UseSetting("Sla:SchedulerEnabled", "true");
        builder.UseSetting("ConnectionStrings:Dossier", TestDatabase.CreateDatabase("devclock"));
    }
}
