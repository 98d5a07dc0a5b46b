namespace Dossier.Domain.Dossiers;

/// <summary>
/// Stored event names, independent of CLR names: renaming a record must not orphan stored events.
/// A changed event shape gets a new name (".v2") and an upcaster, never a new meaning under an old name.
/// </summary>
public static class DossierEventNames
{
    private static readonly (Type Type, string Name)[] Table =
    [
        (typeof(DossierFiled), "dossier-filed.v1"),
        (typeof(DossierReceived), "dossier-received.v1"),
        (typeof(DossierNotAccepted), "dossier-not-accepted.v1"),
        (typeof(SupplementRequested), "supplement-requested.v1"),
        (typeof(SupplementProvided), "supplement-provided.v1"),
        (typeof(DossierAssigned), "dossier-assigned.v1"),
        (typeof(StepCompleted), "step-completed.v1"),
        (typeof(PaymentRequested), "payment-requested.v1"),
        (typeof(PaymentMade), "payment-made.v1"),
        (typeof(DossierApproved), "dossier-approved.v1"),
        (typeof(DossierRefused), "dossier-refused.v1"),
        (typeof(ApologyIssued), "apology-issued.v1"),
        (typeof(ResultReturned), "result-returned.v1"),
        (typeof(DossierWithdrawn), "dossier-withdrawn.v1"),
        (typeof(ProcessingStopped), "processing-stopped.v1"),
        (typeof(DossierRated), "dossier-rated.v1"),
        (typeof(ReminderRecorded), "reminder-recorded.v1"),
    ];

    public static IReadOnlyDictionary<Type, string> ByType { get; } = Table.ToDictionary(e => e.Type, e => e.Name);

    public static IReadOnlyDictionary<string, Type> ByName { get; } = Table.ToDictionary(e => e.Name, e => e.Type);

    public static string NameOf(Type eventType) =>
        ByType.TryGetValue(eventType, out var name)
            ? name
            : throw new ArgumentException($"{eventType.Name} is not a dossier event.", nameof(eventType));

    public static string NameOf(IDossierEvent @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        return NameOf(@event.GetType());
    }

    public static Type TypeOf(string name) =>
        ByName.TryGetValue(name, out var type)
            ? type
            : throw new ArgumentException($"'{name}' is not a dossier event name.", nameof(name));
}
