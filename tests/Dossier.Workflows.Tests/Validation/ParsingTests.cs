using System.Text.Json.Nodes;
using Dossier.Workflows.Validation;
using static Dossier.Workflows.Tests.Engine.Support.Catalogue;

namespace Dossier.Workflows.Tests.Validation;

/// <summary>A definition read from JSON: what cannot be read is an error naming the field, like any broken rule.</summary>
public sealed class ParsingTests
{
    private static string Shipped(Action<JsonObject> change)
    {
        var json = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(Definition("1.009994"), Dossier.Workflows.Definitions.ProcedureDefinition.Json))!.AsObject();
        change(json);
        return json.ToJsonString();
    }

    [Fact]
    public void a_shipped_definition_reads_back_valid()
    {
        var parsed = DefinitionValidator.Parse(Shipped(_ => { }));

        Assert.True(parsed.IsValid, string.Join("; ", parsed.Errors));
        Assert.Equal(Definition("1.009994").Steps.Select(s => s.Id), parsed.Definition!.Steps.Select(s => s.Id));
    }

    [Fact]
    public void an_unknown_role_names_the_field_and_the_roles_allowed()
    {
        var error = Assert.Single(DefinitionValidator.Parse(Shipped(j => j["steps"]![2]!["role"] = "king")).Errors);

        Assert.Equal("steps[2].role", error.Field);
        Assert.Equal("\"king\" is not valid here; expected officer or leader (a step's role).", error.Message);
    }

    [Fact]
    public void a_role_that_exists_but_does_not_process_steps_is_a_rule_error()
    {
        var error = Assert.Single(DefinitionValidator.Parse(Shipped(j => j["steps"]![0]!["role"] = "citizen")).Errors);

        Assert.Equal("steps[0].role", error.Field);
    }

    [Fact]
    public void an_unknown_property_is_named()
    {
        var error = Assert.Single(DefinitionValidator.Parse(Shipped(j => j["steps"]![1]!["colour"] = "red")).Errors);

        Assert.Equal("steps[1].colour", error.Field);
        Assert.StartsWith("is not a property of a procedure definition", error.Message);
    }

    [Fact]
    public void a_missing_property_is_named()
    {
        var error = Assert.Single(DefinitionValidator.Parse(Shipped(j => j["steps"]![1]!.AsObject().Remove("agency"))).Errors);

        Assert.Equal("steps[1].agency", error.Field);
        Assert.Equal("is required.", error.Message);
    }

    [Fact]
    public void a_missing_top_level_property_is_named() =>
        Assert.Equal("supplementPolicy", Assert.Single(DefinitionValidator.Parse(Shipped(j => j.Remove("supplementPolicy"))).Errors).Field);

    [Fact]
    public void a_null_where_a_value_is_required_is_named()
    {
        var error = Assert.Single(DefinitionValidator.Parse(Shipped(j => j["name"] = null)).Errors);

        Assert.Equal("name", error.Field);
        Assert.Equal("must not be null.", error.Message);
    }

    [Fact]
    public void an_unknown_level_is_named() =>
        Assert.Equal("level", Assert.Single(DefinitionValidator.Parse(Shipped(j => j["level"] = 5)).Errors).Field);

    [Fact]
    public void an_unknown_delivery_is_named()
    {
        var error = Assert.Single(DefinitionValidator.Parse(Shipped(j => j["resultDeliveries"]![1] = "pigeon")).Errors);

        Assert.Equal("resultDeliveries[1]", error.Field);
        Assert.Contains("\"inPerson\", \"online\" or \"post\"", error.Message);
    }

    [Fact]
    public void json_that_is_not_json_is_an_error_too() =>
        Assert.False(DefinitionValidator.Parse("{ \"code\": ").IsValid);

    [Fact]
    public void rule_errors_come_back_with_the_definition()
    {
        var parsed = DefinitionValidator.Parse(Shipped(j => j["workingDays"] = 2));

        Assert.NotNull(parsed.Definition);
        Assert.False(parsed.IsValid);
        Assert.Contains(parsed.Errors, e => e.Field == "steps");
    }
}
