using Dossier.Domain.Calendar;
using Dossier.Domain.Procedures;
using Dossier.Workflows.Definitions;

namespace Dossier.Workflows.Tests.Engine.Support;

internal static class Catalogue
{
    public static readonly WorkingCalendar Calendar = WorkingCalendar.Vietnam();

    public static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);

    /// <summary>Monday 2 March 2026, 08:30 in Hanoi: an ordinary working week.</summary>
    public static readonly DateTimeOffset Monday = new(2026, 3, 2, 8, 30, 0, Vietnam);

    public static readonly IReadOnlyList<ProcedureDefinition> Definitions = ShippedCatalogue.Procedures();

    public static TheoryData<string> Codes() => new(Definitions.Select(d => d.Code));

    public static TheoryData<string> Level4Codes() => new(Definitions.Where(d => d.Level == ServiceLevel.Level4).Select(d => d.Code));

    public static ProcedureDefinition Definition(string code) => Definitions.Single(d => d.Code == code);

    public static Procedure Procedure(string code) => Definition(code).ToProcedure(1);
}
