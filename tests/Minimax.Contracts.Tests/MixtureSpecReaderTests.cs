using Minimax.Contracts.Specs;

namespace Minimax.Contracts.Tests;

public sealed class MixtureSpecReaderTests
{
    private static readonly string SpecDirectory = Path.Combine(Path.GetTempPath(), "minimax-mixtures");

    /// <summary>The mixture spec from the DoReMi issue.</summary>
    private const string Issue = """
        kind: doremi
        name: toy-mixture
        seed: 0
        data:
          format: text_folders
          train: corpus/train
          heldout: corpus/heldout
          tokenizer: bytes
        model: { kind: transformer, layers: 2, heads: 4, width: 64, ff: 256, context: 64 }
        doremi:
          reference_weights: uniform
          step_size: 1.0
          smoothing: 0.001
          rounds: 1
          main: true
        training:
          workers: 2
          steps: 1500
          batch_size: 40
          optimizer: { kind: adamw, lr: 0.003, weight_decay: 0.01, warmup: 50 }
        """;

    /// <summary>Only the fields a mixture job needs.</summary>
    private const string Minimal = """
        kind: doremi
        name: minimal-mixture
        data:
          format: jsonl
          train: pile/train.jsonl
        training:
          steps: 10
        """;

    /// <summary>A language-model training run on a text corpus.</summary>
    private const string TextRun = """
        name: text-run
        data:
          format: text_folders
          train: corpus/train
          heldout_fraction: 0.2
          mixture: { web: 3, code: 1 }
        model: { kind: transformer, layers: 1, heads: 2, width: 32, ff: 64, context: 16 }
        training:
          steps: 100
          batch_size: 8
        """;

    private static MixtureSpec Read(string yaml, params string[] overrides) =>
        MixtureSpecReader.Read(yaml, overrides, SpecDirectory);

    private static SpecException Fails(string yaml, params string[] overrides) =>
        Assert.Throws<SpecException>(() => MixtureSpecReader.Read(yaml, overrides, SpecDirectory));

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
