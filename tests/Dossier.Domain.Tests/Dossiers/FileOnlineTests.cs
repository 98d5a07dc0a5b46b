using Dossier.Domain.Dossiers;
using static Dossier.Domain.Tests.Dossiers.Support.DossierSpecification;
using static Dossier.Domain.Tests.Dossiers.Support.Fixtures;

namespace Dossier.Domain.Tests.Dossiers;

public class FileOnlineTests
{
    [Fact]
    public void Filing_online_submits_the_dossier_without_a_clock()
    {
        var form = new Dictionary<string, string> { ["diaChi"] = "12 Lê Lợi" };

        var state = Given()
            .Under(Level3)
            .When(new FileOnline(Citizen, FiledAt, Code, Nguyen, "Xin cấp phép", Documents, form))
            .Then(new DossierFiled(Code, ProcedureRef.From(Level3), Channel.Online, Nguyen, Citizen.PersonId,
                "Xin cấp phép", Documents, form, Citizen, FiledAt));

        Assert.Equal(DossierStatus.Submitted, state.Status);
        Assert.Equal(1, state.NationalStatusCode);
        Assert.Equal(Citizen.PersonId, state.OwnerId);
        Assert.Null(state.DueAt);
        Assert.Null(state.ReceivedAt);
    }

    [Fact]
    public void Filing_twice_on_one_stream_is_refused() =>
        Given(Filed())
            .When(new FileOnline(Citizen, FiledAt, Code, Nguyen, null, Documents))
            .ThenError("already-filed");

    [Fact]
    public void An_applicant_without_an_id_number_is_refused() =>
        Given()
            .When(new FileOnline(Citizen, FiledAt, Code, Nguyen with { IdNumber = " " }, null, Documents))
            .ThenError("applicant-required");
}
