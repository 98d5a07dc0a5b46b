using System.Net.Mail;
using Dossier.Api.Problems;
using Mediator;

namespace Dossier.Api.Validation;

/// <summary>A request that can say what is wrong with its own fields before any handler runs.</summary>
public interface IValidatable
{
    void Validate(Errors errors);
}

/// <summary>Collects field errors under their JSON paths (e.g. <c>applicant.idNumber</c>).</summary>
public sealed class Errors
{
    private readonly Dictionary<string, List<string>> byField = new(StringComparer.Ordinal);

    public bool Any => byField.Count > 0;

    public void Add(string field, string message)
    {
        if (!byField.TryGetValue(field, out var messages))
        {
            byField[field] = messages = [];
        }

        messages.Add(message);
    }

    public void Required(string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, $"{field} is required.");
        }
        else
        {
            MaxLength(field, value, maxLength);
        }
    }

    public void MaxLength(string field, string? value, int maxLength)
    {
        if (value is not null && value.Length > maxLength)
        {
            Add(field, $"{field} must be at most {maxLength} characters.");
        }
    }

    public void Email(string field, string? value)
    {
        MaxLength(field, value, 254);
        if (value is not null && !MailAddress.TryCreate(value, out _))
        {
            Add(field, $"{field} is not an e-mail address.");
        }
    }

    public IReadOnlyDictionary<string, string[]> ToDictionary() => byField.ToDictionary(e => e.Key, e => e.Value.ToArray());
}

/// <summary>Refuses an invalid request with 400 before its handler runs, so nothing is written.</summary>
public sealed class ValidationBehavior<TMessage, TResponse> : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public ValueTask<TResponse> Handle(TMessage message, MessageHandlerDelegate<TMessage, TResponse> next, CancellationToken cancellationToken)
    {
        if (message is IValidatable validatable)
        {
            var errors = new Errors();
            validatable.Validate(errors);
            if (errors.Any)
            {
                throw ProblemException.Validation(errors.ToDictionary());
            }
        }

        return next(message, cancellationToken);
    }
}
