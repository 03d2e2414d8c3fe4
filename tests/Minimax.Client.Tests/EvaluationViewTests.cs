using Minimax.Client.Evaluations;
using Minimax.Contracts.Api;

namespace Minimax.Client.Tests;

public sealed class EvaluationViewTests
{
    private static string Render(JobReport report)
    {
        var (console, writer) = PlainConsole.Create();
        new EvaluationRenderer().WriteReport(console, report);
        return writer.ToString();
    }

    /// <summary>The cells of every table row whose first cell is <paramref name="first"/>.</summary>
    private static string[][] Rows(string text, string first) =>
        [.. text.Split('\n')
            .Select(line => line.Split('│', StringSplitOptions.TrimEntries))
            .Where(cells => cells.Length > 3 && cells[1] == first)
            .Select(cells => cells[1..^1])];

    [Fact]
    public void The_header_names_the_job_models_examples_and_time()
    {
        Assert.StartsWith("waterbirds-eval (eval-3): completed, 2 models, 2000 examples, 4.2 s\n", Render(EvaluationReports.Completed()));
    }

    [Fact]
    public void The_model_table_has_accuracy_interval_worst_group_and_abstentions()
    {
        var text = Render(EvaluationReports.Completed());

        Assert.Contains(["erm", "run-erm", "2000", "0.650", "[0.630, 0.670]", "waterbird/land", "0.220", "0"], Rows(text, "erm"));
        Assert.Contains(["dro", "predictions/dro.jsonl", "2000", "0.850", "[0.830, 0.870]", "landbird/water", "0.800", "12"], Rows(text, "dro"));
    }

    [Fact]
    public void Every_group_of_every_model_has_a_row_and_the_worst_is_marked()
    {
        var text = Render(EvaluationReports.Completed());

        var erm = Rows(text, "erm").Where(r => r.Length == 7).ToArray();
        Assert.Equal(EvaluationReports.Groups.Length, erm.Length);
        Assert.Contains(["erm", "waterbird/land (worst)", "500", "110", "0.220", "[0.190, 0.250]", "0"], erm);
        Assert.Contains(["erm", "landbird/land", "500", "480", "0.960", "[0.930, 0.990]", "0"], erm);
        Assert.Single(Rows(text, "dro"), r => r.Length == 7 && r[1].EndsWith("(worst)", StringComparison.Ordinal));
    }

    [Fact]
    public void The_common_counter_table_has_the_pooled_row_then_each_class()
    {
        var text = Render(EvaluationReports.Completed());

        var rows = Rows(text, "erm").Where(r => r.Length == 5).ToArray();
        Assert.Equal([["erm", "all", "0.900", "0.700", "20.0"], ["erm", "0", "0.950", "0.600", "35.0"], ["erm", "1", "0.850", "0.800", "5.0"]], rows);
        Assert.DoesNotContain(Rows(text, "dro"), r => r.Length == 5);
    }

    [Fact]
    public void Comparisons_show_accuracies_drop_test_p_values_and_mark_significant_rows()
    {
        var text = Render(EvaluationReports.Completed());

        var comparisons = Rows(text, "dro").Where(r => r.Length == 10).ToArray();
        Assert.Equal(
        [
            ["dro", "erm", "overall", "0.650", "0.850", "-30.8%", "mcnemar_chi2", "0.0610", "0.2440", ""],
            ["dro", "erm", "waterbird/land", "0.220", "0.850", "-286.4%", "mcnemar_exact", "1.0e-09", "1.0e-08", "*"],
            ["dro", "erm", "landbird/water", "0.000", "0.800", "", "wilson", "", "", ""],
        ], comparisons);
        Assert.Contains("* significant at alpha 0.050 after holm correction", text);
    }

    [Fact]
    public void Without_comparisons_there_is_no_comparison_table_or_footnote()
    {
        var report = EvaluationReports.Completed();
        report.Evaluation.Comparisons.Clear();

        var text = Render(report);

        Assert.DoesNotContain("comparisons", text);
        Assert.DoesNotContain("significant", text);
    }

    [Fact]
    public void A_failed_evaluation_without_models_is_the_header_and_reason()
    {
        var text = Render(new JobReport { JobId = "eval-1", Kind = "evaluation", Name = "e", Status = "failed", Reason = "no such [run]" });

        Assert.Equal(["e (eval-1): failed, 0 models, 0 examples, 0.0 s", "no such [run]"], text.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory]
    [InlineData(0.061, "0.0610")]
    [InlineData(1e-9, "1.0e-09")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(0, "0.0000")]
    [InlineData(1, "1.0000")]
    public void P_values_are_fixed_or_scientific_when_tiny(double p, string shown)
    {
        Assert.Equal(shown, ComparisonsView.PValue(p));
    }
}
