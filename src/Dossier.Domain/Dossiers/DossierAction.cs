namespace Dossier.Domain.Dossiers;

/// <summary>The actions on an existing dossier, named as in the API's <c>/dossiers/{code}/{action}</c>.</summary>
public enum DossierAction
{
    Receive,
    NotAccept,
    RequestSupplement,
    ProvideSupplement,
    Assign,
    CompleteStep,
    RequestPayment,
    Pay,
    Approve,
    Refuse,
    IssueApology,
    ReturnResult,
    Withdraw,
    Stop,
    Rate,
}

public static class DossierActionExtensions
{
    /// <summary>The action's kebab-case name, e.g. <c>request-supplement</c>.</summary>
    public static string Name(this DossierAction action) => action switch
    {
        DossierAction.Receive => "receive",
        DossierAction.NotAccept => "not-accept",
        DossierAction.RequestSupplement => "request-supplement",
        DossierAction.ProvideSupplement => "provide-supplement",
        DossierAction.Assign => "assign",
        DossierAction.CompleteStep => "complete-step",
        DossierAction.RequestPayment => "request-payment",
        DossierAction.Pay => "pay",
        DossierAction.Approve => "approve",
        DossierAction.Refuse => "refuse",
        DossierAction.IssueApology => "issue-apology",
        DossierAction.ReturnResult => "return-result",
        DossierAction.Withdraw => "withdraw",
        DossierAction.Stop => "stop",
        DossierAction.Rate => "rate",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };

    public static DossierAction? ActionOf(IDossierCommand command) => command switch
    {
        Receive => DossierAction.Receive,
        NotAccept => DossierAction.NotAccept,
        RequestSupplement => DossierAction.RequestSupplement,
        ProvideSupplement => DossierAction.ProvideSupplement,
        Assign => DossierAction.Assign,
        CompleteStep => DossierAction.CompleteStep,
        RequestPayment => DossierAction.RequestPayment,
        Pay => DossierAction.Pay,
        Approve => DossierAction.Approve,
        Refuse => DossierAction.Refuse,
        IssueApology => DossierAction.IssueApology,
        ReturnResult => DossierAction.ReturnResult,
        Withdraw => DossierAction.Withdraw,
        Stop => DossierAction.Stop,
        Rate => DossierAction.Rate,
        _ => null,
    };
}
