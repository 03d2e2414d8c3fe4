using Minimax.Contracts.Specs;
using static Minimax.Contracts.Tests.MixtureSpecYaml;

namespace Minimax.Contracts.Tests;

/// <summary>A mixture spec binds every field, with defaults and overrides.</summary>
public sealed class MixtureSpecReaderTests
{
    [Fact]
    public void The_issue_spec_binds_every_field()
    {
        var spec = Read(Issue);

        Assert.Equal("toy-mixture", spec.Name);
        Assert.Equal(0, spec.Seed);

        Assert.Equal(DataFormat.TextFolders, spec.Data.Format);
        Assert.True(spec.Data.IsText);
        Assert.Equal(Path.Combine(SpecDirectory, "corpus", "train"), spec.Data.Train);
        Assert.Equal(Path.Combine(SpecDirectory, "corpus", "heldout"), spec.Data.Heldout);
        Assert.Equal(TokenizerKind.Bytes, spec.Data.Tokenizer);
        Assert.Equal(DomainWeightsKind.Uniform, spec.Data.Mixture.Kind);

        Assert.Equal(ModelKind.Transformer, spec.Model.Kind);
        Assert.Equal(2, spec.Model.Layers);
        Assert.Equal(4, spec.Model.Heads);
        Assert.Equal(64, spec.Model.Width);
        Assert.Equal(256, spec.Model.Ff);
        Assert.Equal(64, spec.Model.Context);

        Assert.Equal(DomainWeightsKind.Uniform, spec.DoReMi.ReferenceWeights.Kind);
        Assert.Equal(1.0, spec.DoReMi.StepSize);
        Assert.Equal(0.001, spec.DoReMi.Smoothing);
        Assert.Equal(1, spec.DoReMi.Rounds);
        Assert.True(spec.DoReMi.Main);

        Assert.Equal(2, spec.Training.Workers);
        Assert.Equal(1500, spec.Training.Steps);
        Assert.Null(spec.Training.Epochs);
        Assert.Equal(40, spec.Training.BatchSize);
        Assert.Equal(SelectBy.Final, spec.Training.SelectBy);
        Assert.Equal(new OptimizerSpec { Kind = OptimizerKind.AdamW, Lr = 0.003, WeightDecay = 0.01, Warmup = 50 }, spec.Training.Optimizer);
    }

    [Fact]
    public void Omitted_sections_take_the_defaults()
    {
        var spec = Read(Minimal);

        Assert.Equal(0, spec.Seed);
        Assert.Equal(DataFormat.Jsonl, spec.Data.Format);
        Assert.Equal(Path.Combine(SpecDirectory, "pile", "train.jsonl"), spec.Data.Train);
        Assert.Null(spec.Data.Heldout);
        Assert.Equal(0.1, spec.Data.HeldoutFraction);
        Assert.Equal("text", spec.Data.TextField);
        Assert.Equal("meta.pile_set_name", spec.Data.DomainField);

        Assert.Equal(ModelKind.Transformer, spec.Model.Kind);
        Assert.Equal(2, spec.Model.Layers);
        Assert.Equal(4, spec.Model.Heads);
        Assert.Equal(64, spec.Model.Width);
        Assert.Equal(256, spec.Model.Ff);
        Assert.Equal(64, spec.Model.Context);

        Assert.Equal(new DoReMiSpec(), spec.DoReMi);
        Assert.Equal(DomainWeightsKind.Uniform, spec.DoReMi.ReferenceWeights.Kind);
        Assert.Equal(1.0, spec.DoReMi.StepSize);
        Assert.Equal(1e-3, spec.DoReMi.Smoothing);
        Assert.Equal(1, spec.DoReMi.Rounds);
        Assert.True(spec.DoReMi.Main);

        Assert.Equal(SelectBy.Final, spec.Training.SelectBy);
        Assert.Equal(1, spec.Training.Workers);
    }

    [Fact]
    public void An_empty_doremi_section_and_a_partial_model_take_the_defaults()
    {
        var spec = Read(Minimal, "doremi={}", "model={kind: transformer, layers: 3}");

        Assert.Equal(new DoReMiSpec(), spec.DoReMi);
        Assert.Equal(ModelKind.Transformer, spec.Model.Kind);
        Assert.Equal(3, spec.Model.Layers);
        Assert.Equal(4, spec.Model.Heads);
        Assert.Equal(64, spec.Model.Width);
    }

    [Fact]
    public void Jsonl_text_and_domain_fields_are_read()
    {
        var spec = Read(Minimal, "data.text_field=body", "data.domain_field=meta.source", "data.tokenizer=gpt2", "data.heldout_fraction=0.25");

        Assert.Equal("body", spec.Data.TextField);
        Assert.Equal("meta.source", spec.Data.DomainField);
        Assert.Equal(TokenizerKind.Gpt2, spec.Data.Tokenizer);
        Assert.Equal(0.25, spec.Data.HeldoutFraction);
    }

    [Fact]
    public void Absolute_paths_stay_as_given()
    {
        var spec = Read(Issue, "data.train=/data/corpus/train");

        Assert.Equal(Path.GetFullPath("/data/corpus/train"), spec.Data.Train);
        Assert.Equal(Path.Combine(SpecDirectory, "corpus", "heldout"), spec.Data.Heldout);
    }

    [Fact]
    public void Reference_weights_can_be_token_proportional()
    {
        var spec = Read(Issue, "doremi.reference_weights=token_proportional");

        Assert.Equal(DomainWeightsKind.TokenProportional, spec.DoReMi.ReferenceWeights.Kind);
        Assert.Same(DomainWeightsSpec.TokenProportional, spec.DoReMi.ReferenceWeights);
    }

    [Fact]
    public void Reference_weights_can_be_an_explicit_mapping()
    {
        var spec = Read(Issue, "doremi.reference_weights={web: 2, code: 1, books: 0}");

        Assert.Equal(DomainWeightsKind.Explicit, spec.DoReMi.ReferenceWeights.Kind);
        Assert.Equal(
            new Dictionary<string, double> { ["web"] = 2, ["code"] = 1, ["books"] = 0 },
            spec.DoReMi.ReferenceWeights.Weights);
    }

    [Fact]
    public void Overrides_change_the_doremi_section()
    {
        var spec = Read(Issue, "doremi.step_size=0.1", "doremi.smoothing=0", "doremi.rounds=20", "doremi.main=false");

        Assert.Equal(0.1, spec.DoReMi.StepSize);
        Assert.Equal(0.0, spec.DoReMi.Smoothing);
        Assert.Equal(MixtureSpecReader.MaxRounds, spec.DoReMi.Rounds);
        Assert.False(spec.DoReMi.Main);
    }

    [Fact]
    public void Overrides_change_the_model_and_training()
    {
        var spec = Read(Issue, "model.width=96", "model.heads=3", "training.steps=7", "seed=11");

        Assert.Equal(96, spec.Model.Width);
        Assert.Equal(3, spec.Model.Heads);
        Assert.Equal(7, spec.Training.Steps);
        Assert.Equal(11, spec.Seed);
    }
}
