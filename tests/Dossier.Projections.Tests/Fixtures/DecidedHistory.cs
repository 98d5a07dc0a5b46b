using Dossier.Domain.Calendar;
using Dossier.Domain.Dossiers;
using Dossier.Domain.Procedures;

namespace Dossier.Projections.Tests.Fixtures;

/// <summary>
/// A dossier's history written by the decider, one command at a time, each of which must be accepted. A test derives
/// its own script from it to add the steps it speaks of (receive, decide, supplement…), each returning the script.
/// </summary>
public abstract class DecidedHistory<TScript>(Procedure procedure, WorkingCalendar calendar)
    where TScript : DecidedHistory<TScript>
{
    private readonly List<IDossierEvent> events = [];
    private DossierState state = DossierState.Initial;

    public IReadOnlyList<IDossierEvent> Events => events;

    public TScript Do(Func<DateTimeOffset, IDossierCommand> command, DateTimeOffset at)
    {
        var decision = DossierDecider.Decide(state, command(at), new DecisionContext(procedure, calendar));
        Xunit.Assert.True(decision.IsAccepted, decision.ToString());
        events.AddRange(decision.Events);
        state = decision.Events.Aggregate(state, DossierState.Evolve);
        return (TScript)this;
    }
}
