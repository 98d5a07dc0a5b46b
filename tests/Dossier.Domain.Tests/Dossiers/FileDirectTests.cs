using Dossier.Domain.Dossiers;
using static Dossier.Domain.Tests.Dossiers.Support.DossierSpecification;
using static Dossier.Domain.Tests.Dossiers.Support.Fixtures;

namespace Dossier.Domain.Tests.Dossiers;

public class FileDirectTests
{
    [Fact]
    public void Filing_at_the_desk_files_and_receives_at_once()
    {
        var state = Given()
            .Under(Level3)
            .When(new FileDirect(Reception, ReceivedAt, Code, Channel.InPerson, Nguyen, "Xin cấp phép", Documents))
            .Then(
                new DossierFiled(Code, ProcedureRef.From(Level3), Channel.InPerson, Nguyen, null, "Xin cấp phép",
                    Documents, null, Reception, ReceivedAt),
                new DossierReceived(Code, March(10, 17), 5, 2, Reception, ReceivedAt));

        Assert.Equal(DossierStatus.Received, state.Status);
        Assert.Null(state.OwnerId);
        Assert.Equal(ReceivedAt, state.ReceivedAt);
        Assert.Equal(March(10, 17), state.DueAt);
        Assert.Equal(March(10, 17), state.OriginalDueAt);
    }

    [Fact]
    public void A_dossier_posted_in_after_close_of_business_counts_from_the_next_working_day() =>
        Given()
            .Under(Level3)
            .When(new FileDirect(Reception, March(7, 17, 30), Code, Channel.Post, Nguyen, null, Documents))
            .Then(
                new DossierFiled(Code, ProcedureRef.From(Level3), Channel.Post, Nguyen, null, null, Documents, null,
                    Reception, March(7, 17, 30)),
                new DossierReceived(Code, March(17, 17), 5, 2, Reception, March(7, 17, 30)));

    [Fact]
    public void Online_is_not_a_desk_channel() =>
        Given()
            .When(new FileDirect(Reception, ReceivedAt, Code, Channel.Online, Nguyen, null, Documents))
            .ThenError("invalid-channel");

    [Fact]
    public void Filing_on_an_existing_dossier_is_refused() =>
        Given(FiledAtDesk(), Received())
            .When(new FileDirect(Reception, ReceivedAt, Code, Channel.InPerson, Nguyen, null, Documents))
            .ThenError("already-filed");

    [Fact]
    public void An_applicant_without_a_name_is_refused() =>
        Given()
            .When(new FileDirect(Reception, ReceivedAt, Code, Channel.InPerson, Nguyen with { Name = "" }, null, Documents))
            .ThenError("applicant-required");
}
