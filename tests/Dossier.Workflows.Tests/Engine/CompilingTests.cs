using Dossier.Domain.Access;
using Dossier.Domain.Dossiers;
using Dossier.Domain.Procedures;
using Dossier.Workflows.Engine;
using Dossier.Workflows.Tests.Engine.Support;
using Dossier.Workflows.Validation;
using static Dossier.Workflows.Tests.Engine.Support.Catalogue;

namespace Dossier.Workflows.Tests.Engine;

public sealed class CompilingTests
{
    [Theory]
    [MemberData(nameof(Codes), MemberType = typeof(Catalogue))]
    public void every_shipped_procedure_compiles_with_a_state_per_step(string code)
    {
        var workflow = ProcedureWorkflow.Compile(Procedure(code));

        Assert.Equal(
            workflow.Procedure.Steps.Select(s => "step_" + s.Id.Replace('-', '_')),
            workflow.States.Where(s => s.StepId is not null).Select(s => s.Name));
        Assert.All(workflow.Transitions, t => Assert.NotEmpty(t.Guards));
    }

    [Fact]
    public void a_version_is_compiled_once_even_when_loaded_again()
    {
        var first = ProcedureWorkflow.For(Procedure("1.004203"));

        Assert.Same(first, ProcedureWorkflow.For(Procedure("1.004203")));
    }

    [Fact]
    public void another_procedure_under_the_same_code_and_version_is_compiled_afresh()
    {
        var shipped = Procedure("2.000884");
        var first = ProcedureWorkflow.For(shipped);
        var renamed = shipped with { Steps = [shipped.Steps[0] with { Name = "Ký chứng thực" }] };

        var second = ProcedureWorkflow.For(renamed);

        Assert.NotSame(first, second);
        Assert.Contains("Ký chứng thực", second.Diagram());
    }

    [Fact]
    public void a_broken_procedure_does_not_compile_and_says_why()
    {
        var shipped = Procedure("1.009994");
        var broken = shipped with { Version = 99, WorkingDays = 10 };

        var error = Assert.Throws<DefinitionException>(() => ProcedureWorkflow.For(broken));

        var only = Assert.Single(error.Errors);
        Assert.Equal("steps", only.Field);
        Assert.Equal("1.009994 v99", only.Procedure);
        Assert.Contains("20 working days (5 + 7 + 5 + 3), more than the statutory 10", error.Message);
    }

    [Fact]
    public void a_dossier_at_a_step_the_version_does_not_have_is_an_error_not_a_guess()
    {
        var driver = DossierDriver.FiledOnline(Procedure("1.009994"));
        new FollowingClient(driver).Run(s => s.Status == DossierStatus.Processing);
        var lost = driver.State with { CurrentStepId = "inspect" };

        Assert.Throws<InvalidOperationException>(() => driver.Workflow.Permitted(lost, driver.Officer));
    }

    [Fact]
    public void the_machine_is_never_fired_by_the_engine_and_answers_concurrent_callers()
    {
        var driver = DossierDriver.FiledOnline(Procedure("2.000505"));
        new FollowingClient(driver).Run(s => s.Status == DossierStatus.Processing);
        var workflow = driver.Workflow;
        var officer = driver.Officer;
        var submitted = DossierDriver.FiledOnline(Procedure("2.000505")).State;

        Parallel.For(0, 2000, i =>
        {
            if (i % 2 == 0)
            {
                Assert.Contains(DossierAction.CompleteStep, workflow.Permitted(driver.State, officer));
            }
            else
            {
                Assert.Equal([DossierAction.Receive, DossierAction.NotAccept, DossierAction.RequestSupplement],
                    workflow.Permitted(submitted, new Actor("desk", Role.Reception, driver.Agency)));
            }
        });
    }
}
