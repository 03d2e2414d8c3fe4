using Minimax.Contracts.Specs;

namespace Minimax.Contracts.Tests;

public sealed class SweepSpecReaderTests
{
    private static readonly string SpecDirectory = Path.Combine(Path.GetTempPath(), "minimax-sweeps");

    /// <summary>The sweep from the issue, with the base run spec inline.</summary>
    private static readonly string Issue = $"""
        kind: sweep
        name: sagawa-grid
        base:
        {Indented(SpecYaml.Issue)}
        grid:
          objective.kind: [erm, group_dro]
          training.optimizer.weight_decay: [0.0001, 1.0]
          seed: [0, 1, 2]
        select: {"{"} metric: val_worst_group_accuracy, over: seed {"}"}
        parallel: 4
        """;

    private static SweepSpec Read(string yaml, Func<string, string>? readBase = null, params string[] overrides) =>
        SweepSpecReader.Read(yaml, overrides, SpecDirectory, readBase ?? (path => throw new FileNotFoundException($"no file {path}")));

    private static string Indented(string yaml) => string.Join('\n', yaml.Split('\n').Select(line => "  " + line));

    private static string Grid(string grid, string select = "") => $"""
        kind: sweep
        name: g
        base:
        {Indented(SpecYaml.Minimal)}
        grid:
        {Indented(grid)}
        {select}
        """;

    private static SpecException Refused(string yaml, Func<string, string>? readBase = null) =>
        Assert.Throws<SpecException>(() => Read(yaml, readBase));

    [Fact]
    public void The_issue_grid_has_four_configurations_of_three_seeds_in_spec_order()
    {
        var spec = Read(Issue);

        Assert.Equal(["objective.kind", "training.optimizer.weight_decay", "seed"], spec.Keys);
        Assert.Equal(["seed"], spec.Over);
        Assert.Equal(SweepMetric.ValWorstGroupAccuracy, spec.Metric);
        Assert.Equal(4, spec.Parallel);
        Assert.Equal(12, spec.TrialCount);
        Assert.Equal(
            ["objective.kind=erm training.optimizer.weight_decay=0.0001", "objective.kind=erm training.optimizer.weight_decay=1.0",
             "objective.kind=group_dro training.optimizer.weight_decay=0.0001", "objective.kind=group_dro training.optimizer.weight_decay=1.0"],
            spec.Configurations.Select(c => string.Join(' ', c.Values)));
        var last = spec.Configurations[3];
        Assert.Equal([0, 1, 2], last.Trials.Select(t => t.Run.Seed));
        Assert.All(last.Trials, t =>
        {
            Assert.Equal(ObjectiveKind.GroupDro, t.Run.Objective.Kind);
            Assert.Equal(1.0, t.Run.Training.Optimizer.WeightDecay);
            // The rest comes from the base.
            Assert.Equal(0.01, t.Run.Training.Optimizer.Lr);
            Assert.Equal(Path.GetFullPath("data/train.csv", SpecDirectory), t.Run.Data.Train);
        });
        Assert.Equal("sagawa-grid [objective.kind=group_dro, training.optimizer.weight_decay=1.0, seed=2]", last.Trials[2].Run.Name);
    }

    [Fact]
    public void Values_keep_their_yaml_type()
    {
        var spec = Read(Grid("""
            training.optimizer.lr: [0.1]
            objective.kind: [erm]
            model.hidden: [[64, 64]]
            training.eval_every: [10]
            """));

        var values = spec.Configurations[0].Values;
        Assert.Equal(
            [(SweepValueKind.Number, "0.1"), (SweepValueKind.Text, "erm"), (SweepValueKind.Json, "[64,64]"), (SweepValueKind.Number, "10")],
            values.Select(v => (v.Kind, v.Text)));
        Assert.Equal([64, 64], spec.Configurations[0].Trials[0].Run.Model.Hidden);
    }

    [Fact]
    public void Seed_is_averaged_over_by_default_and_a_grid_without_it_has_one_trial_per_configuration()
    {
        Assert.Equal(["seed"], Read(Grid("seed: [0, 1]\ntraining.optimizer.lr: [0.1, 0.2]")).Over);
        var noSeed = Read(Grid("training.optimizer.lr: [0.1, 0.2]"));
        Assert.Empty(noSeed.Over);
        Assert.All(noSeed.Configurations, c => Assert.Single(c.Trials));
        Assert.Equal(1, noSeed.Parallel);
    }

    [Fact]
    public void The_base_can_be_a_run_spec_file_whose_relative_paths_resolve_against_its_own_folder()
    {
        var baseFolder = Path.Combine(SpecDirectory, "runs");
        string? asked = null;
        var spec = Read("kind: sweep\nname: f\nbase: runs/base.yaml\ngrid: { seed: [0, 1] }", path =>
        {
            asked = path;
            return SpecYaml.Minimal;
        });

        Assert.Equal(Path.Combine(baseFolder, "base.yaml"), asked);
        Assert.Equal(Path.Combine(baseFolder, "train.csv"), spec.Configurations[0].Trials[1].Run.Data.Train);
    }

    [Fact]
    public void Overrides_apply_to_the_sweep_before_its_trials_are_bound()
    {
        var spec = Read(Grid("seed: [0]"), null, "base.training.steps=3", "parallel=2");

        Assert.Equal(3, spec.Configurations[0].Trials[0].Run.Training.Steps);
        Assert.Equal(2, spec.Parallel);
    }

    [Theory]
    [InlineData("training.optimizer.lr: [0.1, -1]", "", "grid.training.optimizer.lr[1]", "-1: must be greater than 0")]
    [InlineData("training.optimzer.lr: [0.1]", "", "grid.training.optimzer.lr[0]", "training.optimzer: unknown field (did you mean 'optimizer'?)")]
    [InlineData("objective.kind: [erm, dro]", "", "grid.objective.kind[1]", "dro: ")]
    [InlineData("name: [a, b]", "", "grid.name", "is set by the sweep for each trial and cannot be swept")]
    [InlineData("training: [{ epochs: 1 }]\ntraining.epochs: [2]", "", "grid.training.epochs", "overlaps grid field training")]
    [InlineData("seed: []", "", "grid.seed", "needs at least one value")]
    [InlineData("seed: [0]", "select: { over: lr }", "select.over", "'lr' is not a field of the grid")]
    [InlineData("seed: [0]", "select: { metric: test_worst_group_accuracy }", "select.metric", "")]
    [InlineData("seed: [0]", "parallel: 0", "parallel", "")]
    [InlineData("a..b: [0]", "", "grid.a..b", "is not a dotted field path")]
    [InlineData("seed: [0]", "early_stop: { reduction: 3 }", "early_stop.grace_steps", "is required")]
    [InlineData("seed: [0]", "early_stop: { grace_steps: 10, reduction: 1 }", "early_stop.reduction", "")]
    [InlineData("seed: [0]", "early_stop: { grace_steps: 10, rungs: 3 }", "early_stop.rungs", "unknown field")]
    public void A_bad_grid_is_refused_naming_its_field(string grid, string extra, string field, string reason)
    {
        var error = Refused(Grid(grid, extra));

        Assert.Equal(field, error.Field);
        Assert.Contains(reason, error.Reason);
    }

    [Fact]
    public void A_grid_of_more_than_the_trial_limit_is_refused()
    {
        var values = string.Join(", ", Enumerable.Range(0, 17));
        var error = Refused(Grid($"seed: [{values}]\ntraining.eval_every: [{string.Join(", ", Enumerable.Range(1, 17))}]"));

        Assert.Equal("grid.training.eval_every", error.Field);
        Assert.Contains($"more than {SweepSpecReader.MaxTrials} trials", error.Reason);
    }

    [Fact]
    public void A_problem_of_the_base_is_named_as_a_base_field()
    {
        var error = Refused("kind: sweep\nname: b\nbase: { name: x, data: { train: t.csv, val: v.csv, test: s.csv, label: y, group: g } }\ngrid: { seed: [0] }");

        Assert.Equal("base.training", error.Field);
        Assert.Contains("is required", error.Reason);
    }

    [Theory]
    [InlineData("kind: sweep\nname: b\ngrid: { seed: [0] }", "base", "is required")]
    [InlineData("kind: sweep\nname: b\nbase: { kind: doremi }\ngrid: { seed: [0] }", "base.kind", "training run spec")]
    [InlineData("kind: sweep\nname: b\nbase: missing.yaml\ngrid: { seed: [0] }", "base", "no file")]
    [InlineData("kind: sweep\nname: b\nbase: [1]\ngrid: { seed: [0] }", "base", "expected a mapping")]
    public void A_missing_or_unreadable_base_is_refused(string yaml, string field, string reason)
    {
        var error = Refused(yaml);

        Assert.Equal(field, error.Field);
        Assert.Contains(reason, error.Reason);
    }

    [Fact]
    public void A_run_spec_reader_names_the_sweep_as_a_kind_of_its_own()
    {
        var error = Assert.Throws<SpecException>(() => RunSpecReader.Read(Issue, [], SpecDirectory));

        Assert.Equal("kind", error.Field);
        Assert.Contains("a sweep spec is a sweep job", error.Reason);
        Assert.Equal(SpecKind.Sweep, RunSpecReader.KindOf(Issue));
    }

    [Fact]
    public void A_trial_changes_nothing_in_the_base_or_in_the_other_trials()
    {
        var spec = Read(Grid("training.optimizer.lr: [0.1, 0.2]\ntraining.optimizer.momentum: [0.5]"));

        Assert.Equal([0.1, 0.2], spec.Configurations.Select(c => c.Trials[0].Run.Training.Optimizer.Lr));
        Assert.All(spec.Configurations, c => Assert.Equal(0.5, c.Trials[0].Run.Training.Optimizer.Momentum));
    }

    [Fact]
    public void Early_stop_reads_its_grace_steps_and_a_reduction_of_three_by_default()
    {
        Assert.Null(Read(Grid("seed: [0]")).EarlyStop);
        Assert.Equal(new SweepEarlyStop(50, 3), Read(Grid("seed: [0]", "early_stop: { grace_steps: 50 }")).EarlyStop);
        Assert.Equal(new SweepEarlyStop(5, 2), Read(Grid("seed: [0]", "early_stop: { grace_steps: 5, reduction: 2 }")).EarlyStop);
    }

    [Fact]
    public void A_sweep_that_would_bind_more_than_its_expansion_limit_is_refused_before_any_trial_is_bound()
    {
        // 256 trials of a 20,000-character base: 5 Mi characters to bind.
        var padding = new string('x', 20_000);
        var bound = 0;
        var error = Refused("kind: sweep\nname: big\nbase: base.yaml\ngrid: { seed: [" + string.Join(", ", Enumerable.Range(0, 256)) + "] }", _ =>
        {
            bound++;
            return SpecYaml.Minimal + "\n# " + padding;
        });

        Assert.Equal("grid", error.Field);
        Assert.Contains("256 trials of a 20", error.Reason);
        Assert.Equal(1, bound);
    }
}
