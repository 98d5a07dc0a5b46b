using Dossier.Domain.Calendar;
using Dossier.Domain.Dossiers;
using Dossier.Domain.Procedures;

namespace Dossier.Api.Sla;

/// <summary>A reminder a dossier's state asks for: about <see cref="DueAt"/>, to fire at <see cref="FireAt"/>.</summary>
public sealed record WantedReminder(ReminderKind Kind, DateTimeOffset DueAt, DateTimeOffset FireAt, string? StepId = null);

/// <summary>Which reminders a dossier wants, computed from its state alone (no I/O), so it is tested as a function.</summary>
public static class SlaReminders
{
    private static readonly TimeSpan VietnamOffset = TimeSpan.FromHours(7);

    /// <summary>
    /// The reminders of the current appointment. None while the clock does not run (not received, paused, resolved,
    /// withdrawn, stopped, not accepted); a moved appointment gives new due times, so earlier ones go stale.
    /// </summary>
    /// <param name="procedure">The dossier's procedure version, for the current step's allowance; null: no step reminder.</param>
    public static IReadOnlyList<WantedReminder> Wanted(DossierState state, IWorkingCalendar calendar, SlaOptions options, Procedure? procedure = null)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(options);
        if (!state.IsUnderDeadline || state.ClockPausedAt is not null || state.DueAt is not { } dueAt)
        {
            return [];
        }

        List<WantedReminder> wanted =
        [
            new(ReminderKind.DeadlineApproaching, dueAt, ShiftWorkingDays(dueAt, -options.ApproachingWorkingDays, calendar)),
            new(ReminderKind.Overdue, dueAt, dueAt),
            new(ReminderKind.Escalation, dueAt, ShiftWorkingDays(dueAt, options.EscalationWorkingDays, calendar)),
        ];
        if (state.Status == DossierStatus.Processing
            && state.CurrentStepId is { } stepId
            && state.StepStartedAt is { } started
            && procedure?.Steps.FirstOrDefault(s => s.Id == stepId) is { } step)
        {
            var stepDue = calendar.DueAt(started, step.WorkingDays);
            wanted.Add(new(ReminderKind.StepDue, stepDue, stepDue, stepId));
        }

        return wanted;
    }

    /// <summary>The reminders wanted and due at <paramref name="now"/> that the dossier has not recorded yet.</summary>
    public static IEnumerable<WantedReminder> DueNow(DossierState state, DateTimeOffset now, IWorkingCalendar calendar, SlaOptions options, Procedure? procedure = null) =>
        Wanted(state, calendar, options, procedure).Where(r => r.FireAt <= now && !state.HasRecorded(r.Kind, r.DueAt));

    /// <summary>The same wall-clock time (Hà Nội) the given number of working days later or earlier.</summary>
    public static DateTimeOffset ShiftWorkingDays(DateTimeOffset instant, int workingDays, IWorkingCalendar calendar)
    {
        var local = instant.ToOffset(VietnamOffset);
        var day = calendar.AddWorkingDays(DateOnly.FromDateTime(local.DateTime), workingDays);
        return new DateTimeOffset(day.ToDateTime(TimeOnly.FromDateTime(local.DateTime)), VietnamOffset);
    }
}
