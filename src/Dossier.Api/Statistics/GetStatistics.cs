using Dossier.Api.Catalogue;
using Dossier.Domain.Access;
using Dossier.Domain.Calendar;
using Dossier.Domain.Procedures;
using Dossier.Projections.Statistics;
using Dossier.Workflows.Definitions;
using Marten;
using Mediator;

namespace Dossier.Api.Statistics;

/// <summary>Form II.06a for a period and unit (API.md section 6). A null caller asks as the public, for open data.</summary>
public sealed record GetReport(Actor? Caller, StatisticsQuery Query) : IRequest<ProcessingReport>;

/// <summary>The indicators of DOMAIN.md against the province's targets.</summary>
public sealed record GetIndicators(Actor? Caller, StatisticsQuery Query) : IRequest<IndicatorSet>;

/// <summary>The daily counts per unit × procedure × day: the volume series and the satisfaction aggregates.</summary>
public sealed record GetDailyStatistics(Actor Caller, StatisticsQuery Query, string? Procedure) : IRequest<IReadOnlyList<DailyStatistics>>;

public sealed class StatisticsHandlers(IDocumentStore store, TimeProvider clock)
    : IRequestHandler<GetReport, ProcessingReport>,
      IRequestHandler<GetIndicators, IndicatorSet>,
      IRequestHandler<GetDailyStatistics, IReadOnlyList<DailyStatistics>>
{
    private static readonly Lazy<IReadOnlyDictionary<string, string>> UnitNames = new(() =>
        ShippedCatalogue.Agencies().ToDictionary(a => a.Id, a => a.Name, StringComparer.Ordinal));

    public async ValueTask<ProcessingReport> Handle(GetReport request, CancellationToken cancellationToken)
    {
        var tallies = await Tallies(request.Caller, request.Query, cancellationToken);
        return ProcessingReport.Compute(tallies, UnitName);
    }

    public async ValueTask<IndicatorSet> Handle(GetIndicators request, CancellationToken cancellationToken)
    {
        var tallies = await Tallies(request.Caller, request.Query, cancellationToken);
        var catalogue = await Catalogue(tallies.Unit, tallies.Period.AsOf(clock.GetUtcNow()), cancellationToken);
        return IndicatorSet.Compute(tallies, catalogue);
    }

    public async ValueTask<IReadOnlyList<DailyStatistics>> Handle(GetDailyStatistics request, CancellationToken cancellationToken)
    {
        var period = request.Query.Period(clock.GetUtcNow());
        var unit = request.Query.ScopeFor(request.Caller);
        await using var session = store.QuerySession();
        return await new StatisticsReader(session).Daily(period, unit, request.Procedure, cancellationToken);
    }

    public static string UnitName(string unit) => UnitNames.Value.GetValueOrDefault(unit, unit);

    private async Task<StatisticsTallies> Tallies(Actor? caller, StatisticsQuery query, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var period = query.Period(now);
        var unit = query.ScopeFor(caller);
        await using var session = store.QuerySession();
        return await new StatisticsReader(session).Tallies(period, unit, now, ct);
    }

    /// <summary>The procedures in effect at <paramref name="asOf"/>, each in its newest version then, by service level.</summary>
    private async Task<CatalogueTally> Catalogue(string? unit, DateTimeOffset asOf, CancellationToken ct)
    {
        await using var session = store.QuerySession();
        var versions = await session.Query<PublishedProcedure>().Where(p => p.EffectiveFrom <= asOf).ToListAsync(ct);
        var current = versions
            .GroupBy(p => p.Code, StringComparer.Ordinal)
            .Select(g => g.MaxBy(p => p.Version)!.Definition)
            .Where(d => unit is null || d.Agency == unit)
            .ToList();
        return new CatalogueTally(
            current.Count,
            current.Count(d => d.Level is ServiceLevel.Level3 or ServiceLevel.Level4),
            current.Count(d => d.Level == ServiceLevel.Level4));
    }
}
