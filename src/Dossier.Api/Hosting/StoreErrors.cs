using JasperFx;

namespace Dossier.Api.Hosting;

public static class StoreErrors
{
    /// <summary>Marten reports each conflicting insert of a batch; several come wrapped together.</summary>
    public static bool IsDuplicateDocument(Exception e) => e switch
    {
        DocumentAlreadyExistsException => true,
        AggregateException aggregate => aggregate.InnerExceptions.All(IsDuplicateDocument),
        _ => false,
    };
}
