using Minimax.Contracts.Specs;
using static Minimax.Contracts.Tests.MixtureSpecYaml;

namespace Minimax.Contracts.Tests;

/// <summary>Which kind a spec is, and how reference weights resolve.</summary>
public sealed class MixtureWeightsTests
{
    [Fact]
    public void A_text_corpus_run_with_doremi_objective_is_named_by_objective_kind()
    {
        var error = Assert.Throws<SpecException>(() => RunSpecReader.Read(TextRun, ["objective.kind=doremi"], SpecDirectory));

        Assert.Equal("objective.kind", error.Field);
        Assert.Contains("kind: doremi", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tabular_run_with_a_transformer_is_named_by_model_kind()
    {
        var error = Assert.Throws<SpecException>(() => RunSpecReader.Read(SpecYaml.Issue, ["model.kind=transformer"], SpecDirectory));

        Assert.Equal("model.kind", error.Field);
        Assert.Contains("text corpus", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void KindOf_is_train_when_absent_and_doremi_for_a_mixture()
    {
        Assert.Equal(SpecKind.Train, RunSpecReader.KindOf(SpecYaml.Issue));
        Assert.Equal(SpecKind.Train, RunSpecReader.KindOf("kind: train\nname: x"));
        Assert.Equal(SpecKind.DoReMi, RunSpecReader.KindOf(Issue));
    }

    [Fact]
    public void KindOf_names_a_bad_kind()
    {
        var error = Assert.Throws<SpecException>(() => RunSpecReader.KindOf("kind: mixture"));

        Assert.Equal("kind", error.Field);
    }

    [Fact]
    public void Resolve_uniform_gives_equal_weights()
    {
        var weights = DomainWeightsSpec.Uniform.Resolve(["a", "b", "c", "d"], [10, 20, 30, 40], "doremi.reference_weights");

        Assert.Equal([0.25, 0.25, 0.25, 0.25], weights);
    }

    [Fact]
    public void Resolve_token_proportional_normalises_the_token_counts()
    {
        var weights = DomainWeightsSpec.TokenProportional.Resolve(["a", "b", "c"], [100, 300, 600], "data.mixture");

        Assert.Equal(3, weights.Length);
        Assert.Equal(0.1, weights[0], 12);
        Assert.Equal(0.3, weights[1], 12);
        Assert.Equal(0.6, weights[2], 12);
    }

    [Fact]
    public void Resolve_explicit_normalises_in_domain_order()
    {
        var spec = DomainWeightsSpec.Explicit(new Dictionary<string, double> { ["code"] = 1, ["web"] = 3, ["books"] = 0 });

        var weights = spec.Resolve(["web", "books", "code"], [1, 1, 1], "data.mixture");

        Assert.Equal([0.75, 0.0, 0.25], weights);
    }

    [Fact]
    public void Resolve_names_the_field_when_a_domain_has_no_weight()
    {
        var spec = DomainWeightsSpec.Explicit(new Dictionary<string, double> { ["web"] = 1 });

        var error = Assert.Throws<ArgumentException>(() => spec.Resolve(["web", "code"], [1, 1], "doremi.reference_weights"));

        Assert.StartsWith("doremi.reference_weights:", error.Message, StringComparison.Ordinal);
        Assert.Contains("'code'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_names_the_field_when_a_weight_names_an_unknown_domain()
    {
        var spec = DomainWeightsSpec.Explicit(new Dictionary<string, double> { ["web"] = 1, ["code"] = 1, ["wiki"] = 1 });

        var error = Assert.Throws<ArgumentException>(() => spec.Resolve(["web", "code"], [1, 1], "data.mixture"));

        Assert.StartsWith("data.mixture:", error.Message, StringComparison.Ordinal);
        Assert.Contains("'wiki' is not a domain", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_rejects_token_proportional_weights_of_an_empty_corpus()
    {
        var error = Assert.Throws<ArgumentException>(() => DomainWeightsSpec.TokenProportional.Resolve(["a", "b"], [0, 0], "data.mixture"));

        Assert.StartsWith("data.mixture:", error.Message, StringComparison.Ordinal);
    }
}
