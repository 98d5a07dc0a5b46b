using Microsoft.AspNetCore.Hosting;

namespace Dossier.Api.Tests.Fixtures;

/// <summary>The host as ./dossier up runs it: the development clock instead of fake time.</summary>
public sealed class DevClockFactory : ApiFactory
{
    protected override void Configure(IWebHostBuilder builder) => builder.UseSetting("Dev:ClockControl", "true");
}
