using Minimax.Contracts.Grains;
using Minimax.Contracts.Specs;
using Minimax.Grains.Mixtures;

namespace Minimax.Grains.Tests;

public sealed class MixtureResultsTests
{
    private static ProgressRecord Step(int step, IReadOnlyList<double>? weights = null, SplitMetricsRecord? val = null) =>
        new(step, TotalSteps: 100, Epoch: 0, TrainLoss: 1.0, GroupTrainLoss: [1.0, 1.0], GroupWeights: weights ?? [step, -step], Val: val, StepSeconds: 0.01);

    private static SplitMetricsRecord Evaluation(int step, params double[] losses) =>
        new(step, AverageAccuracy: 0, MacroAccuracy: 0, TrainWeightedAccuracy: 0, WorstGroupAccuracy: 0, WorstGroup: 0,
            AverageLoss: losses.Average(),
            Groups: losses.Select((loss, group) => new GroupMetricsRecord(group, Count: 10, Accuracy: 0, Loss: loss)).ToArray());

    [Fact]
    public void Trajectory_keeps_step_one_every_tenth_and_the_last_in_order()
    {
        var history = Enumerable.Range(1, 25).Select(step => Step(step)).ToArray();

        var trajectory = MixtureResults.Trajectory(history);

        Assert.Equal([1, 10, 20, 25], trajectory.Select(point => point.Step));
        Assert.All(trajectory, point => Assert.Equal(new double[] { point.Step, -point.Step }, point.Weights));
    }

    [Fact]
    public void Trajectory_sorts_an_unordered_history_and_keeps_a_last_step_on_the_grid_once()
    {
        var history = new[] { 30, 2, 10, 1, 20, 11 }.Select(step => Step(step)).ToArray();

        var trajectory = MixtureResults.Trajectory(history);

        Assert.Equal([1, 10, 20, 30], trajectory.Select(point => point.Step));
    }

    [Fact]
    public void Trajectory_copies_the_weights()
    {
        var weights = new List<double> { 0.25, 0.75 };
        var trajectory = MixtureResults.Trajectory([Step(1, weights)]);

        weights[0] = 99;

        Assert.Equal([0.25, 0.75], trajectory.Single().Weights);
    }

    [Fact]
    public void Trajectory_of_an_empty_history_is_empty()
    {
        Assert.Empty(MixtureResults.Trajectory([]));
    }

    [Fact]
    public void Perplexity_is_exp_of_each_domain_loss_with_the_uniform_average_and_the_worst()
    {
        var metrics = Evaluation(50, 1.0, 3.0, 2.0);

        var perplexity = MixtureResults.Perplexity(metrics, domains: 3);

        Assert.Equal(3, perplexity.PerDomain.Count);
        Assert.Equal(Math.Exp(1.0), perplexity.PerDomain[0], 12);
        Assert.Equal(Math.Exp(3.0), perplexity.PerDomain[1], 12);
        Assert.Equal(Math.Exp(2.0), perplexity.PerDomain[2], 12);
        Assert.Equal((Math.Exp(1.0) + Math.Exp(3.0) + Math.Exp(2.0)) / 3, perplexity.Average, 12);
        Assert.Equal(Math.Exp(3.0), perplexity.Worst, 12);
        Assert.Equal(1, perplexity.WorstDomain);
    }

    [Fact]
    public void Perplexity_places_groups_by_their_index_not_their_order()
    {
        var metrics = Evaluation(1, 0.0, 0.0) with
        {
            Groups = [new GroupMetricsRecord(1, 10, 0, Math.Log(4)), new GroupMetricsRecord(0, 10, 0, Math.Log(2))],
        };

        var perplexity = MixtureResults.Perplexity(metrics, domains: 2);

        Assert.Equal(2.0, perplexity.PerDomain[0], 12);
        Assert.Equal(4.0, perplexity.PerDomain[1], 12);
        Assert.Equal(3.0, perplexity.Average, 12);
        Assert.Equal(1, perplexity.WorstDomain);
    }

    [Fact]
    public void Perplexity_worst_is_the_first_domain_when_all_are_equal()
    {
        var perplexity = MixtureResults.Perplexity(Evaluation(1, 0.5, 0.5, 0.5), domains: 3);

        Assert.Equal(0, perplexity.WorstDomain);
        Assert.Equal(Math.Exp(0.5), perplexity.Worst, 12);
    }

    [Fact]
    public void Curve_takes_one_point_per_evaluation_step_in_step_order()
    {
        var history = new[]
        {
            Step(1),
            Step(10, val: Evaluation(10, 2.0, 2.0)),
            Step(11),
            Step(20, val: Evaluation(20, 1.0, 1.0)),
            // The same evaluation reported again (a replayed step) counts once, first report wins.
            Step(20, val: Evaluation(20, 5.0, 5.0)),
            Step(5, val: Evaluation(5, 3.0, 3.0)),
        };

        var curve = MixtureResults.Curve(history, domains: 2);

        Assert.Equal([5, 10, 20], curve.Select(point => point.Step));
        Assert.Equal(Math.Exp(3.0), curve[0].Average, 12);
        Assert.Equal(Math.Exp(2.0), curve[1].Average, 12);
        Assert.Equal(Math.Exp(1.0), curve[2].Average, 12);
    }

    [Fact]
    public void Curve_averages_domain_perplexities_not_losses()
    {
        var curve = MixtureResults.Curve([Step(10, val: Evaluation(10, 0.0, Math.Log(3)))], domains: 2);

        Assert.Equal(2.0, Assert.Single(curve).Average, 12);
    }

    [Fact]
    public void Curve_without_evaluations_is_empty()
    {
        Assert.Empty(MixtureResults.Curve([Step(1), Step(2)], domains: 2));
    }

    [Fact]
    public void StepsToBaseline_is_the_first_step_at_or_below_the_baseline()
    {
        PerplexityAtStep[] curve = [new(10, 9.0), new(20, 6.0), new(30, 5.0), new(40, 4.0), new(50, 5.5)];

        Assert.Equal(30, MixtureResults.StepsToBaseline(curve, baselineFinal: 5.0));
        Assert.Equal(40, MixtureResults.StepsToBaseline(curve, baselineFinal: 4.5));
        Assert.Equal(10, MixtureResults.StepsToBaseline(curve, baselineFinal: 100));
    }

    [Fact]
    public void StepsToBaseline_is_null_when_never_reached()
    {
        PerplexityAtStep[] curve = [new(10, 9.0), new(20, 6.0)];

        Assert.Null(MixtureResults.StepsToBaseline(curve, baselineFinal: 5.999));
        Assert.Null(MixtureResults.StepsToBaseline([], baselineFinal: 5.0));
    }

    [Fact]
    public void Long_trajectories_are_thinned_to_about_a_thousand_points_and_keep_the_last_step()
    {
        var history = Enumerable.Range(1, 25_003).Select(step => Step(step, [1.0])).ToList();

        var trajectory = MixtureResults.Trajectory(history);

        Assert.Equal([1, 30, 60], trajectory.Take(3).Select(point => point.Step));
        Assert.Equal(25_003, trajectory[^1].Step);
        Assert.InRange(trajectory.Count, 800, MixtureResults.MaxPoints + 2);
    }

    [Fact]
    public void Thin_keeps_short_curves_whole_and_cuts_long_ones_keeping_the_last_point()
    {
        var shortCurve = Enumerable.Range(1, 50).Select(i => new PerplexityAtStep(i * 10, i)).ToArray();
        var longCurve = Enumerable.Range(1, 2_500).Select(i => new PerplexityAtStep(i, i)).ToArray();

        Assert.Equal(shortCurve, MixtureResults.Thin(shortCurve));
        var thinned = MixtureResults.Thin(longCurve);
        Assert.Equal([1, 4, 7], thinned.Take(3).Select(point => point.Step));
        Assert.Equal(2_500, thinned[^1].Step);
        Assert.InRange(thinned.Count, 800, MixtureResults.MaxPoints + 1);
    }

    private static MixtureSpec Job() => new()
    {
        Name = "toy",
        Seed = 17,
        Data = new DataSpec
        {
            Format = DataFormat.TextFolders,
            Train = "/corpus/train",
            Val = "",
            Test = "",
            Label = "",
            Heldout = "/corpus/heldout",
        },
        Model = new ModelSpec { Kind = ModelKind.Transformer, Layers = 3, Heads = 2, Width = 32, Ff = 64, Context = 16 },
        DoReMi = new DoReMiSpec { StepSize = 0.5, Smoothing = 0.01, Rounds = 2 },
        Training = new TrainingSpec
        {
            Workers = 2,
            Steps = 300,
            BatchSize = 8,
            Optimizer = new OptimizerSpec { Kind = OptimizerKind.AdamW, Lr = 0.003, Warmup = 5 },
            SelectBy = SelectBy.Final,
        },
    };

    [Fact]
    public void RunId_is_deterministic_and_names_round_and_stage()
    {
        Assert.Equal("job1-r2-proxy", MixtureStages.RunId("job1", MixtureStages.Proxy, 2));
        Assert.Equal(MixtureStages.RunId("job1", MixtureStages.Reference, 1), MixtureStages.RunId("job1", MixtureStages.Reference, 1));
        Assert.NotEqual(MixtureStages.RunId("job1", MixtureStages.Reference, 1), MixtureStages.RunId("job1", MixtureStages.Reference, 2));
        Assert.NotEqual(MixtureStages.RunId("job1", MixtureStages.Main, 1), MixtureStages.RunId("job1", MixtureStages.Baseline, 1));
    }

    [Fact]
    public void ReferenceRun_trains_erm_on_the_given_mixture()
    {
        var job = Job();
        var weights = DomainWeightsSpec.Explicit(new Dictionary<string, double> { ["web"] = 2, ["code"] = 1 });

        var run = MixtureStages.ReferenceRun(job, round: 2, weights);

        Assert.Equal("toy round 2 reference", run.Name);
        Assert.Equal(ObjectiveKind.Erm, run.Objective.Kind);
        Assert.Null(run.Reference);
        Assert.Same(weights, run.Data.Mixture);
        Assert.Equal(job.Data with { Mixture = weights }, run.Data);
        Assert.Equal(job.Seed, run.Seed);
        Assert.Same(job.Model, run.Model);
        Assert.Same(job.Training, run.Training);
    }

    [Fact]
    public void ProxyRun_trains_doremi_against_the_reference_on_a_uniform_mixture()
    {
        var job = Job() with { Data = Job().Data with { Mixture = DomainWeightsSpec.TokenProportional } };

        var run = MixtureStages.ProxyRun(job, round: 1, referenceRunId: "job-r1-reference");

        Assert.Equal("toy round 1 proxy", run.Name);
        Assert.Equal(ObjectiveKind.DoReMi, run.Objective.Kind);
        Assert.Equal(0.5, run.Objective.StepSize);
        Assert.Equal(0.01, run.Objective.Smoothing);
        Assert.Equal("job-r1-reference", run.Reference?.Run);
        Assert.Equal(DomainWeightsKind.Uniform, run.Data.Mixture.Kind);
        Assert.Equal("/corpus/train", run.Data.Train);
        Assert.Equal("/corpus/heldout", run.Data.Heldout);
        Assert.Equal(17, run.Seed);
        Assert.Same(job.Model, run.Model);
        Assert.Same(job.Training, run.Training);
    }

    [Theory]
    [InlineData(MixtureStages.Main)]
    [InlineData(MixtureStages.Baseline)]
    public void ComparisonRun_keeps_seed_model_and_training(string stage)
    {
        var job = Job();
        var weights = DomainWeightsSpec.Explicit(new Dictionary<string, double> { ["web"] = 0.7, ["code"] = 0.3 });

        var run = MixtureStages.ComparisonRun(job, stage, weights);

        Assert.Equal($"toy {stage}", run.Name);
        Assert.Equal(ObjectiveKind.Erm, run.Objective.Kind);
        Assert.Same(weights, run.Data.Mixture);
        Assert.Equal(job.Seed, run.Seed);
        Assert.Same(job.Model, run.Model);
        Assert.Same(job.Training, run.Training);
        Assert.Equal(300, run.Training.Steps);
    }

    [Fact]
    public void Named_maps_weights_to_domain_names()
    {
        var named = MixtureStages.Named(["web", "code", "books"], [0.5, 0.2, 0.3]);

        Assert.Equal(DomainWeightsKind.Explicit, named.Kind);
        Assert.Equal(3, named.Weights.Count);
        Assert.Equal(0.5, named.Weights["web"]);
        Assert.Equal(0.2, named.Weights["code"]);
        Assert.Equal(0.3, named.Weights["books"]);
    }

    [Fact]
    public void Named_weights_resolve_back_to_the_same_vector()
    {
        string[] domains = ["web", "code", "books"];
        double[] weights = [0.5, 0.2, 0.3];

        var resolved = MixtureStages.Named(domains, weights).Resolve(domains, [1, 1, 1], "doremi.reference_weights");

        Assert.Equal(weights.Length, resolved.Length);
        for (var d = 0; d < weights.Length; d++)
        {
            Assert.Equal(weights[d], resolved[d], 12);
        }
    }
}
