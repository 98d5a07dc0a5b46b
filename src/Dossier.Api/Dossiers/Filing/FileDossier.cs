using System.Net;
using System.Text.Json;
using Dossier.Api.Audit;
using Dossier.Api.Catalogue;
using Dossier.Api.Hosting;
using Dossier.Api.Problems;
using Dossier.Api.Validation;
using Dossier.Domain.Access;
using Dossier.Domain.Calendar;
using Dossier.Domain.Dossiers;
using Dossier.Projections.Dossiers;
using Marten;
using Mediator;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Dossier.Api.Dossiers.Filing;

/// <param name="IdempotencyKey">Online only: a retry with the same key and body returns the first dossier.</param>
public sealed record FileDossier(FilingInput Input, bool Direct, string? IdempotencyKey, Actor Caller, RequestMetadata Metadata)
    : IRequest<FiledDossier>, IValidatable
{
    public void Validate(Errors errors)
    {
        Input.Validate(errors, Direct);
        if (IdempotencyKey is { Length: 0 or > 200 })
        {
            errors.Add("Idempotency-Key", "Idempotency-Key must be 1 to 200 characters.");
        }
    }
}

/// <param name="Created">False when an earlier request with the same Idempotency-Key created it.</param>
public sealed record FiledDossier(DossierView View, bool Created);

/// <summary>
/// Files a dossier: the code's sequence number, the new stream and the idempotency record are
/// written in one transaction, so either all of them exist or none does.
/// </summary>
public sealed class FileDossierHandler(
    IDocumentStore store,
    NpgsqlDataSource dataSource,
    ProcedureCatalogue catalogue,
    DossierAccess access,
    IWorkingCalendar calendar,
    TimeProvider clock,
    IOptions<JsonOptions> json) : IRequestHandler<FileDossier, FiledDossier>
{
    private static readonly TimeSpan VietnamOffset = TimeSpan.FromHours(7);

    public async ValueTask<FiledDossier> Handle(FileDossier request, CancellationToken cancellationToken)
    {
        var input = request.Input;
        var caller = request.Caller;
        var requestHash = input.Hash(json.Value.SerializerOptions);
        if (await Replay(request, requestHash, cancellationToken) is { } earlier)
        {
            return earlier;
        }

        var published = await catalogue.Current(input.ProcedureCode!.Trim(), cancellationToken)
            ?? throw ProblemException.Validation("procedureCode", $"There is no procedure {input.ProcedureCode} in the catalogue.");
        var procedure = published.ToProcedure();
        var unit = request.Direct ? caller.Agency! : procedure.Agency;
        if (request.Direct && !Workflows.Permissions.DossierPermissions.Involves(procedure, caller.Agency))
        {
            throw ProblemException.Forbidden($"Unit {caller.Agency} does not receive dossiers of procedure {procedure.Code}.");
        }

        var now = clock.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var code = await DossierCodeSequence.Next(transaction, StoreSetup.Schema, unit, DateOnly.FromDateTime(now.ToOffset(VietnamOffset).DateTime), cancellationToken);

        IDossierCommand command = request.Direct
            ? new FileDirect(caller, now, code, input.Channel!.Value, input.ToApplicant(), input.Summary?.Trim(), DocumentInput.ToDocuments(input.Documents), input.FormData)
            : new FileOnline(caller, now, code, input.ToApplicant(), input.Summary?.Trim(), DocumentInput.ToDocuments(input.Documents), input.FormData);
        var decision = DossierDecider.Decide(DossierState.Initial, command, new DecisionContext(procedure, calendar));
        if (decision.IsRejected)
        {
            throw new ProblemException(HttpStatusCode.BadRequest, decision.Error.Code, "The dossier cannot be filed.", decision.Error.Message);
        }

        await using var session = store.LightweightSession(Marten.Services.SessionOptions.ForTransaction(transaction));
        request.Metadata.Stamp(session, caller);
        var started = session.Events.StartStream<DossierSummary>(code.ToString(), decision.Events.Cast<object>().ToArray());
        StreamSealing.Seal(session, code.ToString(), startingVersion: 0, previousHash: null, started.Events);
        if (request.IdempotencyKey is { } key)
        {
            session.Insert(new IdempotentSubmission(IdempotentSubmission.IdOf(caller.PersonId, key), requestHash, code.ToString(), now));
        }

        try
        {
            await session.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (Exception e) when (StoreErrors.IsDuplicateDocument(e))
        {
            await transaction.RollbackAsync(cancellationToken);
            return await Replay(request, requestHash, cancellationToken)
                ?? throw new InvalidOperationException("An idempotency record vanished after it blocked an insert.");
        }

        var version = 0L;
        var summary = decision.Events.Aggregate((DossierSummary?)null, (current, e) => DossierSummary.Fold(current, code.ToString(), e, ++version))!;
        return new FiledDossier(access.View(summary, procedure, caller), Created: true);
    }

    private async Task<FiledDossier?> Replay(FileDossier request, string requestHash, CancellationToken ct)
    {
        if (request.IdempotencyKey is not { } key)
        {
            return null;
        }

        await using var session = store.QuerySession();
        var earlier = await session.LoadAsync<IdempotentSubmission>(IdempotentSubmission.IdOf(request.Caller.PersonId, key), ct);
        if (earlier is null)
        {
            return null;
        }

        if (earlier.RequestHash != requestHash)
        {
            throw ProblemException.Conflict("idempotency-key-reused", "This Idempotency-Key was used for another request.",
                $"The key already created dossier {earlier.DossierCode} from a different body; use a new key for a new dossier.");
        }

        var (summary, procedure) = await access.Load(session, earlier.DossierCode, request.Caller, ct);
        return new FiledDossier(access.View(summary, procedure, request.Caller), Created: false);
    }
}
