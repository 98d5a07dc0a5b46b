using System.Net;
using Dossier.Api.Tests.Fixtures;
using static Dossier.Api.Tests.Fixtures.ApiClient;

namespace Dossier.Api.Tests.Dossiers;

/// <summary>
/// A level-4 judicial record certificate (2.000505, province level, 10 working days, 200,000 VND)
/// with online payment, a liên thông verification at the provincial police and an online result.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class Level4DossierEndToEnd(ApiFactory factory)
{
    private const string Justice = "000.00.01.H08";
    private const string Police = "000.00.90.H08";
    private readonly ApiClient api = new(factory);

    [Fact]
    public async Task a_judicial_record_is_paid_verified_by_the_police_and_returned_online()
    {
        var citizen = await api.Citizen("079201000401");
        var reception = await api.Staff("l4-reception", "reception", Justice);
        var officer = await api.Staff("l4-officer", "officer", Justice);
        var leader = await api.Staff("l4-leader", "leader", Justice);
        var policeLeader = await api.Staff("l4-police-leader", "leader", Police);
        var policeOfficer = await api.Staff("l4-police-officer", "officer", Police);

        var dossier = await api.Submit(citizen, "2.000505");
        Assert.Equal(4, dossier["level"]!.GetValue<int>());
        Assert.Equal("online", dossier["channel"]!.GetValue<string>());

        dossier = await api.Act(reception, dossier, "receive");
        dossier = await api.Act(reception, dossier, "assign", new { assignee = officer.Sub });
        Assert.Equal("lookup-records", dossier["currentStep"]!["id"]!.GetValue<string>());

        dossier = await api.Act(officer, dossier, "request-payment", new { amount = 200_000 });
        Assert.Equal("awaitingPayment", Status(dossier));
        Assert.Equal(6, dossier["nationalStatusCode"]!.GetValue<int>());
        Assert.Equal(200_000, dossier["amountDue"]!.GetValue<long>());

        var wrongAmount = await api.Post($"/api/v1/dossiers/{Code(dossier)}/pay", citizen, new { amount = 100_000, reference = "VNPAY-1" });
        await ExpectProblem(wrongAmount, HttpStatusCode.BadRequest, "amount-mismatch");
        dossier = await api.Dossier(citizen, Code(dossier));
        Assert.Equal(["pay", "withdraw"], Permitted(dossier));
        dossier = await api.Act(citizen, dossier, "pay", new { amount = 200_000, reference = "VNPAY-20261123-0001" });
        Assert.Equal("processing", Status(dossier));
        Assert.Null(dossier["amountDue"]);

        dossier = await api.Act(officer, dossier, "complete-step", new { outcome = "needsVerification" });
        Assert.Equal("police-verification", dossier["currentStep"]!["id"]!.GetValue<string>());
        Assert.Equal(Police, dossier["currentStep"]!["agency"]!.GetValue<string>());

        dossier = await api.Dossier(policeLeader, Code(dossier));
        dossier = await api.Act(policeLeader, dossier, "assign", new { assignee = policeOfficer.Sub });
        dossier = await api.Act(policeOfficer, dossier, "complete-step", new { opinion = "Không có án tích" });
        Assert.Equal("draft-certificate", dossier["currentStep"]!["id"]!.GetValue<string>());

        dossier = await api.Act(leader, dossier, "assign", new { assignee = officer.Sub });
        dossier = await api.Act(officer, dossier, "complete-step", new { });
        Assert.Equal("approve", dossier["currentStep"]!["id"]!.GetValue<string>());
        dossier = await api.Act(leader, dossier, "approve",
            new { resultDocuments = new[] { new { name = "Phiếu lý lịch tư pháp số 1", contentBase64 = "JVBERi0xLjQ=" } } });
        Assert.Equal("decided", Status(dossier));

        dossier = await api.Dossier(citizen, Code(dossier));
        Assert.Contains("return-result", Permitted(dossier));
        dossier = await api.Act(citizen, dossier, "return-result", new { method = "online" });
        Assert.Equal("resultReturned", Status(dossier));
        dossier = await api.Act(citizen, dossier, "rate", new { rating = "satisfied" });
        Assert.Equal("satisfied", dossier["rating"]!.GetValue<string>());
        Assert.Equal(Version(dossier), await api.EventCount(Code(dossier)));
    }

    [Fact]
    public async Task a_dossier_filed_in_person_is_received_at_once()
    {
        var reception = await api.Staff("direct-reception", "reception", Justice);
        var dossier = await api.FileDirect(reception, "2.000505", "post");
        Assert.Equal("received", Status(dossier));
        Assert.Equal("post", dossier["channel"]!.GetValue<string>());
        Assert.NotNull(dossier["dueAt"]);
        Assert.Equal(2, Version(dossier));
        Assert.StartsWith($"{Justice}-", Code(dossier));
    }
}
