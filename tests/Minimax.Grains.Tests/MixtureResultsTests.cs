using Minimax.Contracts.Grains;
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

    private static IReadOnlyList<WeightsAtStep> Trajectory(IReadOnlyList<ProgressRecord> history)
    {
        var trajectory = new WeightTrajectory(history.Count == 0 ? 0 : history.Max(p => p.Step));
        foreach (var progress in history)
        {
            trajectory.Add(progress);
        }
        return trajectory.Points;
    }

    private static PerplexityCurve Curve(IEnumerable<ProgressRecord> history, int domains, double target = double.NegativeInfinity)
    {
        var curve = new PerplexityCurve(domains, target);
        foreach (var progress in history)
        {
            curve.Add(progress);
        }
        return curve;
    }

    [Fact]
    public void Trajectory_keeps_step_one_every_tenth_and_the_last_in_order()
    {
        var history = Enumerable.Range(1, 25).Select(step => Step(step)).ToArray();

        var trajectory = Trajectory(history);

        Assert.Equal([1, 10, 20, 25], trajectory.Select(point => point.Step));
        Assert.All(trajectory, point => Assert.Equal(new double[] { point.Step, -point.Step }, point.Weights));
    }

    [Fact]
    public void Trajectory_sorts_an_unordered_history_and_keeps_a_last_step_on_the_grid_once()
    {
        var history = new[] { 30, 2, 10, 1, 20, 11 }.Select(step => Step(step)).ToArray();

        var trajectory = Trajectory(history);

        Assert.Equal([1, 10, 20, 30], trajectory.Select(point => point.Step));
    }

    [Fact]
    public void Trajectory_copies_the_weights()
    {
        var weights = new List<double> { 0.25, 0.75 };
        var trajectory = Trajectory([Step(1, weights)]);

        weights[0] = 99;

        Assert.Equal([0.25, 0.75], trajectory.Single().Weights);
    }

    [Fact]
    public void Trajectory_of_an_empty_history_is_empty()
    {
        Assert.Empty(Trajectory([]));
    }

    [Fact]
    public void Perplexity_is_exp_of_each_domain_loss_with_both_averages_and_the_worst()
    {
        var metrics = Evaluation(50, 1.0, 3.0, 2.0);

        var perplexity = MixtureResults.Perplexity(metrics, domains: 3);

        Assert.Equal(3, perplexity.PerDomain.Count);
        Assert.Equal(Math.Exp(1.0), perplexity.PerDomain[0], 12);
        Assert.Equal(Math.Exp(3.0), perplexity.PerDomain[1], 12);
        Assert.Equal(Math.Exp(2.0), perplexity.PerDomain[2], 12);
        Assert.Equal(Math.Exp(2.0), perplexity.Average, 12);
        Assert.Equal((Math.Exp(1.0) + Math.Exp(3.0) + Math.Exp(2.0)) / 3, perplexity.ArithmeticAverage, 12);
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
        Assert.Equal(Math.Sqrt(8), perplexity.Average, 12);
        Assert.Equal(3.0, perplexity.ArithmeticAverage, 12);
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
    public void Curve_takes_one_point_per_evaluation_in_step_order()
    {
        var history = new[]
        {
            Step(1),
            Step(5, val: Evaluation(5, 3.0, 3.0)),
            Step(6, val: Evaluation(5, 3.0, 3.0)),
            Step(10, val: Evaluation(10, 2.0, 2.0)),
            // Every step carries the latest evaluation: it counts once.
            Step(11, val: Evaluation(10, 2.0, 2.0)),
            Step(20, val: Evaluation(20, 1.0, 1.0)),
        };

        var curve = Curve(history, domains: 2).Points;

        Assert.Equal([5, 10, 20], curve.Select(point => point.Step));
        Assert.Equal(Math.Exp(3.0), curve[0].Average, 12);
        Assert.Equal(Math.Exp(2.0), curve[1].Average, 12);
        Assert.Equal(Math.Exp(1.0), curve[2].Average, 12);
    }

    [Fact]
    public void The_average_is_the_geometric_mean_of_the_domain_perplexities_and_the_arithmetic_one_is_kept()
    {
        var perplexity = MixtureResults.Perplexity(Evaluation(1, Math.Log(2), Math.Log(8)), domains: 2);

        Assert.Equal(4.0, perplexity.Average, 12);
        Assert.Equal(5.0, perplexity.ArithmeticAverage, 12);
        Assert.Equal(8.0, perplexity.Worst, 12);
    }

    [Fact]
    public void The_geometric_average_stays_finite_where_a_domain_perplexity_overflows()
    {
        var perplexity = MixtureResults.Perplexity(Evaluation(1, 1000.0, 0.0), domains: 2);

        Assert.Equal(double.PositiveInfinity, perplexity.ArithmeticAverage);
        Assert.Equal(Math.Exp(500.0), perplexity.Average, 1e-6 * Math.Exp(500.0));
    }

    [Fact]
    public void Curve_points_are_the_geometric_average_over_domains()
    {
        var curve = Curve([Step(10, val: Evaluation(10, 0.0, Math.Log(3)))], domains: 2).Points;

        Assert.Equal(Math.Sqrt(3), Assert.Single(curve).Average, 12);
    }

    [Fact]
    public void The_step_to_the_baseline_is_read_from_the_geometric_average_not_the_arithmetic_one()
    {
        // Target 4: at step 10 perplexities [1, 15] average 8 arithmetically but sqrt(15) = 3.87 geometrically;
        // at step 20 [3, 4] average 3.5 and 3.46.
        var history = new[]
        {
            Step(10, val: Evaluation(10, 0.0, Math.Log(15))),
            Step(20, val: Evaluation(20, Math.Log(3), Math.Log(4))),
        };

        Assert.Equal(10, Curve(history, domains: 2, target: 4.0).StepAtOrBelowTarget);
        Assert.Equal(20, Curve(history, domains: 2, target: 3.5).StepAtOrBelowTarget);
    }

    [Fact]
    public void Curve_without_evaluations_is_empty()
    {
        Assert.Empty(Curve([Step(1), Step(2)], domains: 2).Points);
    }

    private static ProgressRecord[] Perplexities(params (int Step, double Perplexity)[] points) =>
        points.Select(point => Step(point.Step, val: Evaluation(point.Step, Math.Log(point.Perplexity)))).ToArray();

    [Fact]
    public void The_step_to_the_baseline_is_the_first_evaluation_at_or_below_it()
    {
        var history = Perplexities((10, 9.0), (20, 6.0), (30, 5.0), (40, 4.0), (50, 5.5));

        Assert.Equal(30, Curve(history, domains: 1, target: 5.0).StepAtOrBelowTarget);
        Assert.Equal(40, Curve(history, domains: 1, target: 4.5).StepAtOrBelowTarget);
        Assert.Equal(10, Curve(history, domains: 1, target: 100).StepAtOrBelowTarget);
    }

    [Fact]
    public void The_step_to_the_baseline_is_null_when_never_reached()
    {
        Assert.Null(Curve(Perplexities((10, 9.0), (20, 6.0)), domains: 1, target: 5.999).StepAtOrBelowTarget);
        Assert.Null(Curve([], domains: 1, target: 5.0).StepAtOrBelowTarget);
    }

    [Fact]
    public void The_step_to_the_baseline_is_found_among_all_evaluations_not_only_the_kept_ones()
    {
        var history = Enumerable.Range(1, 5_000).Select(i => (i, i == 2_501 ? 1.0 : 10.0)).ToArray();

        var curve = Curve(Perplexities(history), domains: 1, target: 1.0);

        Assert.Equal(2_501, curve.StepAtOrBelowTarget);
        Assert.DoesNotContain(curve.Points, point => point.Step == 2_501);
    }

    [Fact]
    public void Long_trajectories_are_thinned_to_about_a_thousand_points_and_keep_the_last_step()
    {
        var history = Enumerable.Range(1, 25_003).Select(step => Step(step, [1.0])).ToList();

        var trajectory = Trajectory(history);

        Assert.Equal([1, 30, 60], trajectory.Take(3).Select(point => point.Step));
        Assert.Equal(25_003, trajectory[^1].Step);
        Assert.InRange(trajectory.Count, 800, MixtureResults.MaxPoints + 2);
    }

    [Fact]
    public void A_short_curve_is_kept_whole_and_a_long_one_thinned_to_at_most_the_maximum_keeping_the_last_point()
    {
        var shortHistory = Perplexities([.. Enumerable.Range(1, MixtureResults.MaxPoints).Select(i => (i * 10, (double)i))]);
        var longHistory = Perplexities([.. Enumerable.Range(1, 2_500).Select(i => (i, (double)i))]);

        Assert.Equal(shortHistory.Select(p => p.Step), Curve(shortHistory, domains: 1).Points.Select(point => point.Step));
        var thinned = Curve(longHistory, domains: 1).Points;
        Assert.Equal([1, 5, 9], thinned.Take(3).Select(point => point.Step));
        Assert.Equal(2_500, thinned[^1].Step);
        Assert.InRange(thinned.Count, MixtureResults.MaxPoints / 2, MixtureResults.MaxPoints + 1);
    }
}
