using System.Text.Json;
using Minimax.Client.Jobs;
using Minimax.Client.Sweeps;
using Minimax.Contracts.Api;

namespace Minimax.Client.Tests;

[Collection(ConsoleCollection.Name)]
public sealed class SweepOutputTests
{
    private static string[][] Rows(string text) =>
        [.. text.Split('\n')
            .Where(line => line.StartsWith('│'))
            .Select(line => line.Trim('│').Split('│').Select(cell => cell.Trim()).ToArray())];

    [Fact]
    public void The_table_has_a_row_per_configuration_with_mean_and_sd_and_marks_the_selected_one()
    {
        var (console, writer) = PlainConsole.Create();

        SweepView.Write(console, SweepReports.Completed());

        var text = writer.ToString();
        Assert.StartsWith("sagawa-grid (sweep-7): completed, 9/9 trials completed, 0 failed, 4 at once, 95.5 s\n", text);
        var rows = Rows(text);
        Assert.Equal(
            ["", "kind", "weight_decay", "val worst", "test avg", "test train-wtd", "test worst", "n"],
            rows[0]);
        Assert.Equal(["", "erm", "0.0001", "0.620 ± 0.010", "0.967 ± 0.006", "0.977 ± 0.006", "0.600 ± 0.010", "3/3"], rows[1]);
        Assert.Equal(["", "group_dro", "0.0001", "0.720 ± 0.020", "0.940 ± 0.010", "0.950 ± 0.010", "0.700 ± 0.020", "3/3"], rows[2]);
        Assert.Equal(["*", "group_dro", "1", "0.840 ± 0.010", "0.860 ± 0.010", "0.870 ± 0.010", "0.820 ± 0.010", "3/3"], rows[3]);
        Assert.Contains(
            "selected: objective.kind=group_dro training.optimizer.weight_decay=1 (best mean val_worst_group_accuracy over seed)\n", text);
    }

    [Fact]
    public void The_trials_table_lists_each_run_with_its_values()
    {
        var (console, writer) = PlainConsole.Create();

        SweepView.Write(console, SweepReports.Completed());

        var row = Rows(writer.ToString()).Single(cells => cells[0] == "run-s7");
        Assert.Equal(["run-s7", "kind=group_dro weight_decay=1 seed=1", "completed", "200/200", "0.850", "0.830"], row);
    }

    [Fact]
    public void A_running_sweep_shows_dashes_for_missing_metrics_and_the_failed_trials_reason()
    {
        var (console, writer) = PlainConsole.Create();

        SweepView.Write(console, SweepReports.Running());

        var text = writer.ToString();
        Assert.StartsWith("sagawa-grid (sweep-8): running, 2/6 trials completed, 1 failed, 4 at once, 12.0 s\n", text);
        Assert.Equal(["", "group_dro", "1", "-", "-", "-", "-", "0/3"], Rows(text)[2]);
        Assert.DoesNotContain("selected:", text);
        Assert.Contains("run-s3 failed: worker lost\n", text);
    }

    [Fact]
    public void The_select_metric_is_the_first_metric_column()
    {
        var report = SweepReports.Completed();
        report.SelectMetric = "test_worst_group_accuracy";
        var (console, writer) = PlainConsole.Create();

        SweepView.Write(console, report);

        Assert.Equal(
            ["", "kind", "weight_decay", "test worst", "test avg", "test train-wtd", "n"],
            Rows(writer.ToString())[0]);
    }

    [Fact]
    public void A_failed_sweep_without_configurations_is_the_header_and_reason()
    {
        var (console, writer) = PlainConsole.Create();

        SweepView.Write(console, new SweepReport { JobId = "sweep-1", Name = "g", Status = "failed", Reason = "grid: [bad]" });

        Assert.Equal(
            ["g (sweep-1): failed, 0/0 trials completed, 0 failed, 0.0 s", "grid: [bad]"],
            writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void A_completed_sweep_as_json_exits_0_and_a_failed_one_exits_1_with_one_line()
    {
        using var console = new ConsoleCapture();
        var stdout = new StringWriter { NewLine = "\n" };

        var completed = JobOutput.Finish(JobReports.Sweep(SweepReports.Completed()), new OutputOptions(Json: true), stdout, JobRenderers.Default);
        var failed = JobOutput.Finish(
            JobReports.Sweep(new SweepReport { JobId = "sweep-3", Status = "failed", Reason = "every trial failed" }),
            new OutputOptions(Json: true), new StringWriter(), JobRenderers.Default);

        Assert.Equal((0, 1), (completed, failed));
        using var json = JsonDocument.Parse(stdout.ToString());
        Assert.Equal("sweep", json.RootElement.GetProperty("kind").GetString());
        Assert.Equal(["sweep sweep-3 failed: every trial failed"], console.ErrorLines);
    }

    [Fact]
    public void Progress_is_the_trials_ended_and_a_bar_per_started_trial()
    {
        var items = new SweepRenderer().Progress(JobReports.Progress(SweepReports.Running()));

        Assert.Equal(["sweep", "run-s0", "run-s1", "run-s2", "run-s3", "run-s4"], items.Select(i => i.Key));
        Assert.Equal(("trials 3/6 (1 failed), 2 running", 3.0, 6.0), (items[0].Text, items[0].Value, items[0].Max));
        var running = items.Single(i => i.Key == "run-s2");
        Assert.Equal(("kind=group_dro weight_decay=1 seed=0  step 40/200", 40.0, 200.0), (running.Text, running.Value, running.Max));
        var ended = items.Single(i => i.Key == "run-s0");
        Assert.Equal(("kind=erm weight_decay=0.0001 seed=0  completed at step 200/200", 200.0), (ended.Text, ended.Value));
        var failed = items.Single(i => i.Key == "run-s3");
        Assert.Equal(failed.Max, failed.Value);
    }

    [Fact]
    public async Task Redirected_progress_writes_a_line_when_a_trial_starts_or_ends_not_every_step()
    {
        var (console, writer) = PlainConsole.Create();
        var view = new JobProgressView(console, JobRenderers.Default);
        SweepReport At(int step, string status)
        {
            var report = new SweepReport { JobId = "sweep-9", Status = "running", Trials = 1 };
            var configuration = new SweepConfiguration { Values = { SweepReports.Number("training.optimizer.lr", 0.01) } };
            configuration.Trials.Add(SweepReports.Trial("run-1", 0, status, step));
            report.Configurations.Add(configuration);
            return report;
        }

        await view.ShowAsync("sweep-9", onProgress =>
        {
            foreach (var report in new[] { At(0, "pending"), At(10, "running"), At(20, "running"), At(190, "running"), At(200, "completed") })
            {
                onProgress(JobReports.Progress(report));
            }

            return Task.FromResult(JobReports.Sweep(At(200, "completed")));
        });

        Assert.Equal(
        [
            "sweep sweep-9: trials 0/1",
            "sweep sweep-9: lr=0.01 seed=0  step 10/200",
            "sweep sweep-9: trials 1/1",
            "sweep sweep-9: lr=0.01 seed=0  completed at step 200/200",
        ], writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Progress_without_the_sweep_detail_is_the_common_fields()
    {
        var items = new SweepRenderer().Progress(new JobProgress { JobId = "sweep-1", Kind = "sweep", Status = "pending" });

        Assert.Equal("pending step 0/0", Assert.Single(items).Text);
    }

    [Fact]
    public void Two_fields_with_one_last_segment_keep_their_whole_paths_in_short_labels()
    {
        Assert.Equal(
            "model.kind=mlp objective.kind=erm lr=0.01 flag=true",
            SweepValues.Short(
            [
                SweepReports.Text("model.kind", "mlp"),
                SweepReports.Text("objective.kind", "erm"),
                SweepReports.Number("training.optimizer.lr", 0.01),
                new SweepValue { Path = "data.flag", Flag = true },
            ]));
    }
}
