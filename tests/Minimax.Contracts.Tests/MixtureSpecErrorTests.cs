using Minimax.Contracts.Specs;
using static Minimax.Contracts.Tests.MixtureSpecYaml;

namespace Minimax.Contracts.Tests;

/// <summary>Each bad field of a mixture spec, and of a text-corpus run, is named with the reason.</summary>
public sealed class MixtureSpecErrorTests
{
    [Theory]
    [InlineData("kind=null", "kind", "is required")]
    [InlineData("kind=train", "kind", "kind: doremi")]
    [InlineData("kind=dremi", "kind", "must be one of")]
    [InlineData("data.mixture=uniform", "data.mixture", "doremi.reference_weights")]
    [InlineData("doremi.rounds=0", "doremi.rounds", "must be between 1 and 20")]
    [InlineData("doremi.rounds=21", "doremi.rounds", "must be between 1 and 20")]
    [InlineData("doremi.step_size=0", "doremi.step_size", "must be greater than 0")]
    [InlineData("doremi.step_size=-1", "doremi.step_size", "must be greater than 0")]
    [InlineData("doremi.smoothing=1", "doremi.smoothing", "less than 1")]
    [InlineData("doremi.smoothing=-0.1", "doremi.smoothing", "must be at least 0")]
    [InlineData("doremi.main=yes", "doremi.main", "expected true or false")]
    [InlineData("doremi.reference_weights={web: 0, code: 0}", "doremi.reference_weights", "must not all be zero")]
    [InlineData("doremi.reference_weights={}", "doremi.reference_weights", "every domain")]
    [InlineData("doremi.reference_weights=proportional", "doremi.reference_weights", "must be uniform, token_proportional or a mapping")]
    [InlineData("doremi.reference_weights={web: 1, code: -1}", "doremi.reference_weights.code", "must be at least 0")]
    [InlineData("doremi.reference_weights={web: 1, code: x}", "doremi.reference_weights.code", "expected a number")]
    [InlineData("doremi.step_sise=0.1", "doremi.step_sise", "did you mean 'step_size'?")]
    [InlineData("model.kind=mlp", "model.kind", "set model.kind: transformer")]
    [InlineData("model.width=66", "model.width", "must be a multiple of heads 4")]
    [InlineData("model.heads=3", "model.width", "width 64 must be a multiple of heads 3")]
    [InlineData("model.context=0", "model.context", "must be between 1 and 4096")]
    [InlineData("training.select_by=val_average_accuracy", "training.select_by", "use final")]
    [InlineData("training=null", "training", "is required")]
    [InlineData("data=null", "data", "is required")]
    [InlineData("data.domain_field=meta.source", "data.domain_field", "only format jsonl")]
    [InlineData("data.heldout_fraction=0.2", "data.heldout_fraction", "not both")]
    [InlineData("data.tokenizer=words", "data.tokenizer", "must be one of bytes, gpt2")]
    [InlineData("objective.kind=doremi", "objective", "unknown field")]
    public void Each_bad_field_is_named(string assignment, string field, string reason)
    {
        var error = Fails(Issue, assignment);

        Assert.Equal(field, error.Field);
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Heads_that_do_not_divide_the_default_width_are_named_by_heads()
    {
        var error = Fails(Minimal, "model={kind: transformer, heads: 5}");

        Assert.Equal("model.heads", error.Field);
        Assert.Contains("width 64 must be a multiple of heads 5", error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1")]
    [InlineData("1.5")]
    [InlineData("-0.1")]
    public void A_heldout_fraction_outside_zero_to_one_is_named(string fraction)
    {
        var error = Fails(Issue, "data.heldout=null", $"data.heldout_fraction={fraction}");

        Assert.Equal("data.heldout_fraction", error.Field);
        Assert.Contains("greater than 0 and less than 1", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_heldout_fraction_without_heldout_binds()
    {
        var spec = Read(Issue, "data.heldout=null", "data.heldout_fraction=0.3");

        Assert.Null(spec.Data.Heldout);
        Assert.Equal(0.3, spec.Data.HeldoutFraction);
    }

    [Fact]
    public void A_domain_field_is_accepted_for_jsonl()
    {
        var spec = Read(Issue, "data.format=jsonl", "data.domain_field=meta.source");

        Assert.Equal(DataFormat.Jsonl, spec.Data.Format);
        Assert.Equal("meta.source", spec.Data.DomainField);
    }

    [Fact]
    public void A_tabular_corpus_is_named_by_data_format()
    {
        const string yaml = """
            kind: doremi
            name: tabular
            data:
              format: csv
              train: train.csv
              val: val.csv
              test: test.csv
              label: y
              group: g
            training:
              steps: 10
            """;

        var error = Fails(yaml);

        Assert.Equal("data.format", error.Field);
        Assert.Contains("text corpus", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_mixture_spec_without_kind_is_named_by_kind()
    {
        var error = Fails(Issue.Replace("kind: doremi\n", "", StringComparison.Ordinal));

        Assert.Equal("kind", error.Field);
        Assert.Equal("is required", error.Reason);
    }

    [Fact]
    public void A_doremi_spec_read_as_a_run_is_named_by_kind()
    {
        var error = Assert.Throws<SpecException>(() => RunSpecReader.Read(Issue, [], SpecDirectory));

        Assert.Equal("kind", error.Field);
        Assert.Contains("mixture job", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_text_corpus_run_spec_binds()
    {
        var spec = RunSpecReader.Read(TextRun, [], SpecDirectory);

        Assert.Equal(DataFormat.TextFolders, spec.Data.Format);
        Assert.Equal(Path.Combine(SpecDirectory, "corpus", "train"), spec.Data.Train);
        Assert.Null(spec.Data.Heldout);
        Assert.Equal(0.2, spec.Data.HeldoutFraction);
        Assert.Equal(DomainWeightsKind.Explicit, spec.Data.Mixture.Kind);
        Assert.Equal(new Dictionary<string, double> { ["web"] = 3, ["code"] = 1 }, spec.Data.Mixture.Weights);
        Assert.Equal(ModelKind.Transformer, spec.Model.Kind);
        Assert.Equal(1, spec.Model.Layers);
        Assert.Equal(2, spec.Model.Heads);
        Assert.Equal(32, spec.Model.Width);
        Assert.Equal(64, spec.Model.Ff);
        Assert.Equal(16, spec.Model.Context);
        Assert.Equal(ObjectiveKind.Erm, spec.Objective.Kind);
        Assert.Equal(SelectBy.Final, spec.Training.SelectBy);
        Assert.Equal(100, spec.Training.Steps);
    }

    [Fact]
    public void A_text_corpus_run_without_a_model_is_named_by_model_kind()
    {
        var error = Assert.Throws<SpecException>(() => RunSpecReader.Read(TextRun, ["model=null"], SpecDirectory));

        Assert.Equal("model.kind", error.Field);
    }
}
