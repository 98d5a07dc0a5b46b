using Dossier.Domain.Dossiers;
using Dossier.Workflows.Engine;
using Dossier.Workflows.Tests.Engine.Support;
using Snapshooter;
using Snapshooter.Xunit;
using static Dossier.Workflows.Tests.Engine.Support.Catalogue;

namespace Dossier.Workflows.Tests.Engine;

public sealed class DiagramTests
{
    [Theory]
    [MemberData(nameof(Codes), MemberType = typeof(Catalogue))]
    public void each_procedure_draws_the_machine_it_runs(string code) =>
        Snapshot.Match(ProcedureWorkflow.For(Procedure(code)).Diagram(), SnapshotNameExtension.Create(code));

    [Theory]
    [MemberData(nameof(Codes), MemberType = typeof(Catalogue))]
    public void every_transition_of_the_machine_is_an_edge_of_the_diagram(string code)
    {
        var workflow = ProcedureWorkflow.For(Procedure(code));
        var lines = workflow.Diagram().Split('\n');

        Assert.Equal("stateDiagram-v2", lines[0]);
        Assert.Contains("[*] --> submitted", lines);
        foreach (var t in workflow.Transitions)
        {
            var guards = t.Kind == TransitionKind.Internal
                ? $" [{string.Join(", ", t.Guards)}]"
                : string.Concat(t.Guards.Select(g => $" [{g}]"));
            Assert.Contains($"\t{t.From.Name} --> {t.To.Name} : {t.Trigger}{guards}", lines);
        }

        Assert.Equal(workflow.Transitions.Count, lines.Count(l => l.Contains(" --> ", StringComparison.Ordinal) && !l.StartsWith("[*]", StringComparison.Ordinal)));
        Assert.All(workflow.Procedure.Steps, s => Assert.Contains(lines, l => l.StartsWith($"\t{WorkflowState.Step(s.Id).Name} : ", StringComparison.Ordinal)));
    }

    [Fact]
    public void each_outcome_is_its_own_labelled_edge()
    {
        var diagram = ProcedureWorkflow.For(Procedure("1.009994")).Diagram();

        Assert.Contains("\tstep_check --> step_consult : complete-step (ok) [step assigned] [assigned officer]\n", diagram);
        Assert.Contains("\tstep_check --> awaitingSupplement : complete-step (needsSupplement) [step assigned] [assigned officer]\n", diagram);
        Assert.Contains("\tstep_site_inspection --> step_check : complete-step (discrepancy) [step assigned] [assigned officer]\n", diagram);
        Assert.Contains("\tstep_consult --> step_site_inspection : complete-step [step assigned] [assigned officer]\n", diagram);
        Assert.Contains("\tstep_approve --> decided : approve [leader (the assignee, if any)]\n", diagram);
        Assert.Contains("\tawaitingSupplement --> step_site_inspection : provide-supplement [asked at step 'site-inspection'] [applicant or reception]\n", diagram);
        Assert.DoesNotContain("awaitingPayment", diagram);
    }

    [Fact]
    public void a_lien_thong_step_names_the_unit_that_acts()
    {
        var diagram = ProcedureWorkflow.For(Procedure("2.000505")).Diagram();

        Assert.Contains("\tstep_police_verification --> step_draft_certificate : complete-step [step assigned] [assigned officer of 000.00.90.H08]\n", diagram);
        Assert.Contains("\tstep_police_verification --> step_police_verification : assign [reception of 000.00.90.H08 or leader of 000.00.90.H08]\n", diagram);
        Assert.Contains("\tawaitingPayment --> step_police_verification : pay [asked at step 'police-verification'] [applicant]\n", diagram);
    }

    [Fact]
    public void the_diagram_is_drawn_once_and_reused() =>
        Assert.Same(ProcedureWorkflow.For(Procedure("1.000656")).Diagram(), ProcedureWorkflow.For(Procedure("1.000656")).Diagram());

    [Fact]
    public void internal_transitions_show_as_loops_with_their_conditions()
    {
        var diagram = ProcedureWorkflow.For(Procedure("1.000656")).Diagram();

        Assert.Contains("\tdecided --> decided : rate [not yet rated, applicant]\n", diagram);
        Assert.Contains("\treceived --> received : issue-apology [no apology yet, officer or leader]\n", diagram);
        Assert.Contains($"\tresultReturned --> resultReturned : {DossierAction.Rate.Name()} [not yet rated, applicant]\n", diagram);
    }
}
