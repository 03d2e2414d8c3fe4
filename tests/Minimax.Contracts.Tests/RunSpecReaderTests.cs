using Minimax.Contracts.Specs;

namespace Minimax.Contracts.Tests;

public sealed class RunSpecReaderTests
{
    private static readonly string SpecDirectory = Path.Combine(Path.GetTempPath(), "minimax-specs");

    [Fact]
    public void The_issue_spec_reads_to_the_expected_record()
    {
        var spec = RunSpecReader.Read(SpecYaml.Issue, [], SpecDirectory);

        Assert.Equal("spurious-groupdro", spec.Name);
        Assert.Equal(0, spec.Seed);

        Assert.Equal(DataFormat.Csv, spec.Data.Format);
        Assert.Equal(Path.Combine(SpecDirectory, "data", "train.csv"), spec.Data.Train);
        Assert.Equal(Path.Combine(SpecDirectory, "data", "val.csv"), spec.Data.Val);
        Assert.Equal(Path.Combine(SpecDirectory, "data", "test.csv"), spec.Data.Test);
        Assert.Equal("y", spec.Data.Label);
        Assert.Equal("g", spec.Data.Group);
        Assert.Empty(spec.Data.GroupsBy);
        Assert.Empty(spec.Data.Features);
        Assert.False(spec.Data.Standardize);

        Assert.Equal(ModelKind.Mlp, spec.Model.Kind);
        Assert.Equal([256, 256], spec.Model.Hidden);
        Assert.Equal(Activation.Relu, spec.Model.Activation);
        Assert.Equal(0.0, spec.Model.Dropout);

        Assert.Equal(ObjectiveKind.GroupDro, spec.Objective.Kind);
        Assert.Equal(0.01, spec.Objective.StepSize);
        Assert.Equal([0.0], spec.Objective.GeneralizationAdjustment);
        Assert.False(spec.Objective.NormalizeLoss);
        Assert.False(spec.Objective.BalancedSampling);

        Assert.Equal(2, spec.Training.Workers);
        Assert.Equal(20, spec.Training.Epochs);
        Assert.Null(spec.Training.Steps);
        Assert.Equal(128, spec.Training.BatchSize);
        Assert.Equal(50, spec.Training.EvalEvery);
        Assert.Equal(SelectBy.ValWorstGroupAccuracy, spec.Training.SelectBy);
        Assert.Equal(new OptimizerSpec { Kind = OptimizerKind.Sgd, Lr = 0.01, Momentum = 0.9, WeightDecay = 0.0001 }, spec.Training.Optimizer);
    }

    [Fact]
    public void Omitted_fields_take_the_record_defaults()
    {
        var spec = RunSpecReader.Read(SpecYaml.Minimal, [], SpecDirectory);

        Assert.Equal(0, spec.Seed);
        Assert.Equal(DataFormat.Csv, spec.Data.Format);
        Assert.Null(spec.Data.Group);
        Assert.Equal(["a"], spec.Data.GroupsBy);
        Assert.Equal([256, 256], spec.Model.Hidden);
        Assert.Equal(ObjectiveKind.Erm, spec.Objective.Kind);
        Assert.Equal(0.01, spec.Objective.StepSize);
        Assert.Equal(1, spec.Training.Workers);
        Assert.Null(spec.Training.Epochs);
        Assert.Equal(100, spec.Training.Steps);
        Assert.Equal(128, spec.Training.BatchSize);
        Assert.Equal(new OptimizerSpec(), spec.Training.Optimizer);
        Assert.Equal(SelectBy.ValWorstGroupAccuracy, spec.Training.SelectBy);
    }

    [Fact]
    public void Every_optional_field_is_read()
    {
        const string yaml = """
            name: everything
            seed: 7
            data:
              format: parquet
              train: /abs/train.parquet
              val: ../val.parquet
              test: ./test.parquet
              label: label
              groups_by: [place, size]
              features: [f1, f2, f3]
              standardize: true
            model:
              kind: mlp
              hidden: []
              activation: gelu
              dropout: 0.25
            objective:
              kind: reweighted
              step_size: 0
              generalization_adjustment: [0, 1.5, 2, 3e0]
              normalize_loss: true
              balanced_sampling: True
            training:
              workers: 64
              steps: 2000
              batch_size: 1
              optimizer: { kind: adamw, lr: 1e-3, weight_decay: 0.1, beta1: 0.8, beta2: 0.99, eps: 1e-6 }
              eval_every: 1
              select_by: final
            """;

        var spec = RunSpecReader.Read(yaml, [], SpecDirectory);

        Assert.Equal(7, spec.Seed);
        Assert.Equal(DataFormat.Parquet, spec.Data.Format);
        Assert.Equal(Path.GetFullPath("/abs/train.parquet"), spec.Data.Train);
        Assert.Equal(Path.GetFullPath(Path.Combine(SpecDirectory, "..", "val.parquet")), spec.Data.Val);
        Assert.Equal(Path.Combine(SpecDirectory, "test.parquet"), spec.Data.Test);
        Assert.Equal(["place", "size"], spec.Data.GroupsBy);
        Assert.Equal(["f1", "f2", "f3"], spec.Data.Features);
        Assert.True(spec.Data.Standardize);
        Assert.Empty(spec.Model.Hidden);
        Assert.Equal(Activation.Gelu, spec.Model.Activation);
        Assert.Equal(0.25, spec.Model.Dropout);
        Assert.Equal(ObjectiveKind.Reweighted, spec.Objective.Kind);
        Assert.Equal(0.0, spec.Objective.StepSize);
        Assert.Equal([0, 1.5, 2, 3], spec.Objective.GeneralizationAdjustment);
        Assert.True(spec.Objective.NormalizeLoss);
        Assert.True(spec.Objective.BalancedSampling);
        Assert.Equal(64, spec.Training.Workers);
        Assert.Equal(2000, spec.Training.Steps);
        Assert.Equal(1, spec.Training.BatchSize);
        Assert.Equal(
            new OptimizerSpec { Kind = OptimizerKind.AdamW, Lr = 1e-3, WeightDecay = 0.1, Beta1 = 0.8, Beta2 = 0.99, Eps = 1e-6 },
            spec.Training.Optimizer);
        Assert.Equal(1, spec.Training.EvalEvery);
        Assert.Equal(SelectBy.Final, spec.Training.SelectBy);
    }

    [Fact]
    public void Relative_paths_resolve_against_the_spec_directory_even_when_it_is_relative()
    {
        var spec = RunSpecReader.Read(SpecYaml.Minimal, [], "examples/spurious");

        Assert.Equal(Path.GetFullPath(Path.Combine("examples", "spurious", "train.csv")), spec.Data.Train);
        Assert.True(Path.IsPathFullyQualified(spec.Data.Val));
    }

    [Fact]
    public void An_empty_spec_directory_means_the_current_directory()
    {
        var spec = RunSpecReader.Read(SpecYaml.Minimal, [], "");

        Assert.Equal(Path.GetFullPath("train.csv"), spec.Data.Train);
    }

    [Fact]
    public void The_reader_does_not_require_the_data_files_to_exist()
    {
        var spec = RunSpecReader.Read(SpecYaml.Minimal, [], Path.Combine(SpecDirectory, Guid.NewGuid().ToString("N")));

        Assert.False(File.Exists(spec.Data.Train));
    }

    [Fact]
    public void Parquet_is_inferred_from_the_train_file_extension_when_format_is_omitted()
    {
        var spec = RunSpecReader.Read(SpecYaml.Minimal, ["data.train=train.parquet"], SpecDirectory);

        Assert.Equal(DataFormat.Parquet, spec.Data.Format);
    }

    [Fact]
    public void A_single_value_stands_for_a_one_item_list()
    {
        var spec = RunSpecReader.Read(
            SpecYaml.Minimal,
            ["data.groups_by=a", "model.hidden=64", "objective.generalization_adjustment=2"],
            SpecDirectory);

        Assert.Equal(["a"], spec.Data.GroupsBy);
        Assert.Equal([64], spec.Model.Hidden);
        Assert.Equal([2.0], spec.Objective.GeneralizationAdjustment);
    }

    [Fact]
    public void Null_values_count_as_omitted()
    {
        const string yaml = """
            name: nulls
            seed: ~
            data: { train: a.csv, val: b.csv, test: c.csv, label: y, group: g, groups_by: null }
            model:
            training: { epochs: 3, steps: }
            """;

        var spec = RunSpecReader.Read(yaml, [], SpecDirectory);

        Assert.Equal(0, spec.Seed);
        Assert.Equal("g", spec.Data.Group);
        Assert.Equal(new ModelSpec().Hidden, spec.Model.Hidden);
        Assert.Equal(3, spec.Training.Epochs);
        Assert.Null(spec.Training.Steps);
    }

    [Fact]
    public void Enum_names_are_case_insensitive()
    {
        var spec = RunSpecReader.Read(SpecYaml.Minimal, ["objective.kind=Group_DRO", "training.optimizer.kind=AdamW"], SpecDirectory);

        Assert.Equal(ObjectiveKind.GroupDro, spec.Objective.Kind);
        Assert.Equal(OptimizerKind.AdamW, spec.Training.Optimizer.Kind);
    }

    [Fact]
    public void Anchors_and_aliases_are_followed()
    {
        const string yaml = """
            name: aliases
            data: { train: a.csv, val: b.csv, test: c.csv, label: y, group: &g grp }
            model: { hidden: &widths [32, 16] }
            training: { steps: 10, eval_every: 5 }
            """;

        var spec = RunSpecReader.Read(yaml, [], SpecDirectory);

        Assert.Equal("grp", spec.Data.Group);
        Assert.Equal([32, 16], spec.Model.Hidden);
    }

    [Fact]
    public void Spec_names_round_trip_every_enum_value()
    {
        foreach (var kind in Enum.GetValues<ObjectiveKind>())
        {
            Assert.True(SpecNames.TryParse<ObjectiveKind>(SpecNames.Of(kind), out var parsed));
            Assert.Equal(kind, parsed);
        }

        Assert.Equal("group_dro", SpecNames.Of(ObjectiveKind.GroupDro));
        Assert.Equal("adamw", SpecNames.Of(OptimizerKind.AdamW));
        Assert.Equal("val_worst_group_accuracy", SpecNames.Of(SelectBy.ValWorstGroupAccuracy));
        Assert.All(Enum.GetValues<DataFormat>(), v => Assert.NotEmpty(SpecNames.Of(v)));
        Assert.All(Enum.GetValues<ModelKind>(), v => Assert.NotEmpty(SpecNames.Of(v)));
        Assert.All(Enum.GetValues<Activation>(), v => Assert.NotEmpty(SpecNames.Of(v)));
        Assert.All(Enum.GetValues<OptimizerKind>(), v => Assert.NotEmpty(SpecNames.Of(v)));
        Assert.All(Enum.GetValues<SelectBy>(), v => Assert.NotEmpty(SpecNames.Of(v)));
    }
}
