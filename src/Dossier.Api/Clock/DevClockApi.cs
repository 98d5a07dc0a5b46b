using System.Xml;
using Dossier.Api.Problems;

namespace Dossier.Api.Clock;

public sealed record ClockMove(DateTimeOffset? Now, string? Advance);

public sealed record ClockReading(DateTimeOffset Now);

public static class DevClockApi
{
    public const string Setting = "Dev:ClockControl";

    public static void MapDevClockApi(this IEndpointRouteBuilder api)
    {
        var clock = api.MapGroup("/dev/clock").WithTags("Development clock").RequireAuthorization(Auth.Policies.AnyCaller);
        clock.MapGet("", async (SharedDevelopmentClock c, CancellationToken ct) =>
            {
                await c.Refresh(ct);
                return TypedResults.Ok(new ClockReading(c.Now));
            })
            .WithSummary("Reads the application's clock.");
        clock.MapPost("", Move).WithSummary("Moves the application's clock forward (to an instant or by an ISO 8601 duration).");
    }

    private static async Task<ClockReading> Move(ClockMove move, SharedDevelopmentClock clock, CancellationToken cancellationToken)
    {
        if (move.Now is null == move.Advance is null)
        {
            throw ProblemException.Validation("now", "Give either now (an instant) or advance (an ISO 8601 duration such as P2D or PT3H).");
        }

        if (move.Now is { } now)
        {
            if (!await clock.MoveTo(now, cancellationToken))
            {
                throw ProblemException.Conflict("clock-backwards", "The clock only moves forward.",
                    $"The clock reads {clock.Now:O}; {now:O} is earlier.");
            }
        }
        else
        {
            TimeSpan by;
            try
            {
                by = XmlConvert.ToTimeSpan(move.Advance!);
            }
            catch (FormatException)
            {
                throw ProblemException.Validation("advance", "advance must be an ISO 8601 duration such as P2D or PT3H.");
            }

            if (by < TimeSpan.Zero)
            {
                throw ProblemException.Conflict("clock-backwards", "The clock only moves forward.", "advance must not be negative.");
            }

            await clock.Advance(by, cancellationToken);
        }

        return new ClockReading(clock.Now);
    }
}
