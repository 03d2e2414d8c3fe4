using Minimax.Contracts.Specs;

namespace Minimax.Contracts.Tests;

public sealed class EvaluationSpecReaderTests
{
    private static readonly string SpecDirectory = Path.Combine(Path.GetTempPath(), "minimax-evaluations");

    /// <summary>The evaluation spec from the evaluation issue.</summary>
    private const string Issue = """
        kind: evaluation
        name: colour-shift
        data: { format: csv, test: data/test.csv, label: y, group: g, id: example_id }
        models:
          - { name: erm, run: run-abc123 }
          - { name: dro, run: run-def456 }
          - { name: llm, predictions: preds/llm.csv }
        compare: { base: erm, test: mcnemar, correction: holm, alpha: 0.05 }
        common_counter: { class: y, common: [0, 3], counter: [1, 2] }
        abstention: { patterns: default }
        """;

    /// <summary>Only the required fields.</summary>
    private const string Minimal = """
        kind: evaluation
        name: minimal
        data: { test: test.csv, label: y, groups_by: [a] }
        models:
          - { name: erm, run: run-1 }
        """;

    /// <summary>Language-model runs on a text corpus's held-out text.</summary>
    private const string Text = """
        kind: evaluation
        name: text
        data: { format: text_folders, train: corpus/train, heldout: corpus/heldout }
        models:
          - { name: baseline, run: mix-1-r1-baseline }
          - { name: main, run: mix-1-r1-main }
        """;

    private static EvaluationSpec Read(string yaml, params string[] overrides) =>
        EvaluationSpecReader.Read(yaml, overrides, SpecDirectory);

    private static SpecException Fails(string yaml, params string[] overrides) =>
        Assert.Throws<SpecException>(() => EvaluationSpecReader.Read(yaml, overrides, SpecDirectory));

    [Fact]
    public void The_issue_spec_binds_every_field()
    {
        var spec = Read(Issue);

        Assert.Equal("colour-shift", spec.Name);
        Assert.Equal(DataFormat.Csv, spec.Data.Format);
        Assert.Equal(Path.Combine(SpecDirectory, "data", "test.csv"), spec.Data.Test);
        Assert.Equal("", spec.Data.Train);
        Assert.Equal("", spec.Data.Val);
        Assert.Equal("y", spec.Data.Label);
        Assert.Equal("g", spec.Data.Group);
        Assert.Empty(spec.Data.GroupsBy);
        Assert.Empty(spec.Data.Features);
        Assert.Equal("example_id", spec.Data.Id);

        Assert.Equal(
            [
                new EvaluationModelSpec { Name = "erm", Run = "run-abc123" },
                new EvaluationModelSpec { Name = "dro", Run = "run-def456" },
                new EvaluationModelSpec { Name = "llm", Predictions = Path.Combine(SpecDirectory, "preds", "llm.csv") },
            ],
            spec.Models);
        Assert.Equal(
            new ComparisonSpec { Base = "erm", Test = SignificanceTest.McNemar, Correction = MultipleTestingCorrection.Holm, Alpha = 0.05 },
            spec.Compare);
        Assert.NotNull(spec.CommonCounter);
        Assert.Equal("y", spec.CommonCounter.Class);
        Assert.Equal([0, 3], spec.CommonCounter.Common);
        Assert.Equal([1, 2], spec.CommonCounter.Counter);
        Assert.NotNull(spec.Abstention);
        Assert.True(spec.Abstention.DefaultPatterns);
        Assert.Empty(spec.Abstention.SelfReference);
    }

    [Fact]
    public void Omitted_fields_take_the_defaults()
    {
        var spec = Read(Minimal);

        Assert.Equal(DataFormat.Csv, spec.Data.Format);
        Assert.Null(spec.Data.Id);
        Assert.Equal(["a"], spec.Data.GroupsBy);
        Assert.False(spec.Data.Standardize);
        Assert.Null(spec.Compare);
        Assert.Null(spec.CommonCounter);
        Assert.Null(spec.Abstention);
    }

    [Fact]
    public void A_comparison_with_only_a_base_is_mcnemar_with_holm_at_five_percent()
    {
        var spec = Read(Minimal, "models=[{name: a, run: r1}, {name: b, run: r2}]", "compare={base: b}");

        Assert.Equal(new ComparisonSpec { Base = "b", Test = SignificanceTest.McNemar, Correction = MultipleTestingCorrection.Holm, Alpha = 0.05 }, spec.Compare);
    }

    [Theory]
    [InlineData("wilson", "bh", SignificanceTest.Wilson, MultipleTestingCorrection.BenjaminiHochberg)]
    [InlineData("McNemar", "none", SignificanceTest.McNemar, MultipleTestingCorrection.None)]
    public void Tests_and_corrections_bind_by_name(string test, string correction, SignificanceTest expectedTest, MultipleTestingCorrection expectedCorrection)
    {
        var spec = Read(Issue, $"compare.test={test}", $"compare.correction={correction}", "compare.alpha=0.5");

        Assert.Equal(expectedTest, spec.Compare!.Test);
        Assert.Equal(expectedCorrection, spec.Compare.Correction);
        Assert.Equal(0.5, spec.Compare.Alpha);
    }

    [Fact]
    public void Common_counter_class_defaults_to_the_label_and_a_single_group_is_a_list()
    {
        var spec = Read(Minimal, "common_counter={common: 0, counter: [1, 2]}");

        Assert.Equal("y", spec.CommonCounter!.Class);
        Assert.Equal([0], spec.CommonCounter.Common);
        Assert.Equal([1, 2], spec.CommonCounter.Counter);
    }

    [Fact]
    public void Custom_abstention_patterns_bind_in_order()
    {
        var spec = Read(Issue, "abstention.patterns={self_reference: ['[Aa]s an? \\w+ person', 'as a'], inability: 'unable to'}");

        Assert.False(spec.Abstention!.DefaultPatterns);
        Assert.Equal(["[Aa]s an? \\w+ person", "as a"], spec.Abstention.SelfReference);
        Assert.Equal(["unable to"], spec.Abstention.Inability);
    }

    [Fact]
    public void An_empty_abstention_section_uses_the_default_patterns()
    {
        Assert.True(Read(Issue, "abstention={}").Abstention!.DefaultPatterns);
    }

    [Fact]
    public void A_parquet_test_file_sets_the_format()
    {
        Assert.Equal(DataFormat.Parquet, Read(Minimal, "data.test=test.parquet").Data.Format);
    }

    [Fact]
    public void A_text_corpus_binds_as_for_runs()
    {
        var spec = Read(Text);

        Assert.True(spec.Data.IsText);
        Assert.Equal(Path.Combine(SpecDirectory, "corpus", "train"), spec.Data.Train);
        Assert.Equal(Path.Combine(SpecDirectory, "corpus", "heldout"), spec.Data.Heldout);
        Assert.Equal(["mix-1-r1-baseline", "mix-1-r1-main"], spec.Models.Select(model => model.Run));
    }

    [Theory]
    [InlineData("kind=train", "kind", "needs kind: evaluation")]
    [InlineData("kind=null", "kind", "is required")]
    [InlineData("name=", "name", "is required")]
    [InlineData("seed=1", "seed", "unknown field")]
    [InlineData("data=", "data", "is required")]
    [InlineData("data.test=", "data.test", "is required")]
    [InlineData("data.label=", "data.label", "is required")]
    [InlineData("data.group=y", "data.group", "is the label column")]
    [InlineData("data.groups_by=[a]", "data.groups_by", "not both")]
    [InlineData("data.train=train.csv", "data.train", "scores data.test only")]
    [InlineData("data.val=val.csv", "data.val", "scores data.test only")]
    [InlineData("data.standardize=true", "data.standardize", "scales features as each run did")]
    [InlineData("data.id=g", "data.id", "is the label, a group or a feature column")]
    [InlineData("data.features=[f0, example_id]", "data.id", "is the label, a group or a feature column")]
    [InlineData("data.format=xlsx", "data.format", "must be one of csv, parquet")]
    [InlineData("models=", "models", "is required")]
    [InlineData("models=[]", "models", "between 1 and 32 models")]
    [InlineData("models=erm", "models", "expected a list")]
    [InlineData("models=[erm]", "models[0]", "expected a mapping")]
    [InlineData("models=[{name: a, run: r1}, {name: a, run: r2}]", "models[1].name", "'a' names another model too")]
    [InlineData("models=[{run: r1}]", "models[0].name", "is required")]
    [InlineData("models=[{name: a}]", "models[0].run", "exactly one")]
    [InlineData("models=[{name: a, run: r1, predictions: p.csv}]", "models[0].predictions", "exactly one")]
    [InlineData("models=[{name: a, run: 'run 1'}]", "models[0].run", "letters, digits")]
    [InlineData("models=[{name: a, run: r1, checkpoint: c}]", "models[0].checkpoint", "unknown field")]
    [InlineData("models=[{name: a, predictions: p.txt}]", "models[0].predictions", "must be a .csv or .jsonl file")]
    [InlineData("compare.base=", "compare.base", "is required")]
    [InlineData("compare.base=gpt", "compare.base", "'gpt' is not one of the models: erm, dro, llm")]
    [InlineData("compare.test=ttest", "compare.test", "must be one of mcnemar, wilson")]
    [InlineData("compare.correction=bonferroni", "compare.correction", "must be one of holm, bh, none")]
    [InlineData("compare.alpha=0", "compare.alpha", "must be greater than 0 and at most 0.5")]
    [InlineData("compare.alpha=0.51", "compare.alpha", "must be greater than 0 and at most 0.5")]
    [InlineData("compare.alpha='0.05'", "compare.alpha", "quoted string")]
    [InlineData("compare.tails=2", "compare.tails", "unknown field")]
    [InlineData("common_counter.common=[0, 1]", "common_counter.counter[0]", "group 1 is listed twice")]
    [InlineData("common_counter.common=[0, 0]", "common_counter.common[1]", "group 0 is listed twice")]
    [InlineData("common_counter.common=[]", "common_counter.common", "at least one group")]
    [InlineData("common_counter.counter=null", "common_counter.counter", "is required")]
    [InlineData("common_counter.counter=[-1]", "common_counter.counter[0]", "must be at least 0")]
    [InlineData("common_counter.class=''", "common_counter.class", "must not be empty")]
    [InlineData("abstention.patterns=sometimes", "abstention.patterns", "must be default")]
    [InlineData("abstention.patterns={self_reference: ['('], inability: [x]}", "abstention.patterns.self_reference[0]", "is not a valid regular expression")]
    [InlineData("abstention.patterns={self_reference: [x]}", "abstention.patterns.inability", "is required")]
    [InlineData("abstention.patterns={self_reference: [], inability: [x]}", "abstention.patterns.self_reference", "between 1 and 64")]
    public void A_bad_field_is_named(string assignment, string field, string reason)
    {
        var error = Fails(Issue, assignment);

        Assert.Equal(field, error.Field);
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void More_than_the_most_models_is_named()
    {
        var models = string.Join(", ", Enumerable.Range(0, EvaluationSpecReader.MaxModels + 1).Select(i => $"{{name: m{i}, run: r{i}}}"));

        var error = Fails(Minimal, $"models=[{models}]");

        Assert.Equal("models", error.Field);
        Assert.Equal(EvaluationSpecReader.MaxModels, Read(Minimal, $"models=[{models[..models.LastIndexOf(", {", StringComparison.Ordinal)]}]").Models.Count);
    }

    [Fact]
    public void A_model_name_follows_the_run_name_rules()
    {
        var error = Fails(Minimal, $"models=[{{name: {new string('m', RunSpecReader.MaxNameLength + 1)}, run: r1}}]");

        Assert.Equal("models[0].name", error.Field);
        Assert.Contains("at most 200 characters", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_comparison_needs_two_models()
    {
        var error = Fails(Minimal, "compare={base: erm}");

        Assert.Equal("compare", error.Field);
    }

    [Fact]
    public void Abstentions_need_a_predictions_file()
    {
        var error = Fails(Minimal, "abstention={patterns: default}");

        Assert.Equal("abstention", error.Field);
        Assert.Contains("predictions files", error.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("compare={base: main}", "compare")]
    [InlineData("common_counter={common: [0], counter: [1]}", "common_counter")]
    [InlineData("models=[{name: a, run: r1}, {name: b, predictions: p.jsonl}]", "models[1].predictions")]
    [InlineData("data.mixture=uniform", "data.mixture")]
    [InlineData("data.test=t.csv", "data.test")]
    [InlineData("data.id=doc", "data.id")]
    public void A_text_corpus_rejects_what_needs_examples(string assignment, string field)
    {
        var error = Fails(Text, assignment);

        Assert.Equal(field, error.Field);
    }

    [Fact]
    public void The_other_readers_name_the_evaluation_kind()
    {
        Assert.Equal(SpecKind.Evaluation, RunSpecReader.KindOf(Issue));

        var run = Assert.Throws<SpecException>(() => RunSpecReader.Read(Issue, [], SpecDirectory));
        Assert.Equal("kind", run.Field);
        Assert.Contains("evaluation job", run.Reason, StringComparison.Ordinal);

        var mixture = Assert.Throws<SpecException>(() => MixtureSpecReader.Read(Issue, [], SpecDirectory));
        Assert.Equal("kind", mixture.Field);
    }

    [Fact]
    public void A_run_spec_has_no_id_column()
    {
        var error = Assert.Throws<SpecException>(() => RunSpecReader.Read(SpecYaml.Minimal, ["data.id=example_id"], SpecDirectory));

        Assert.Equal("data.id", error.Field);
        Assert.Contains("unknown field", error.Reason, StringComparison.Ordinal);
    }
}
