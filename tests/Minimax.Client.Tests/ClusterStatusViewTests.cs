using Google.Protobuf.WellKnownTypes;
using Minimax.Client.Cluster;
using Minimax.Client.Jobs;
using Minimax.Contracts.Api;

namespace Minimax.Client.Tests;

public sealed class ClusterStatusViewTests
{
    private static ClusterStatus TwoSilos()
    {
        var working = new ClusterSilo
        {
            Address = "10.0.0.5:11111",
            Name = "Silo_a",
            Host = "pod-a",
            Status = "active",
            Role = "all",
            StartTime = Timestamp.FromDateTime(new DateTime(2026, 12, 2, 17, 30, 5, DateTimeKind.Utc)),
            Activations = 42,
            StepsPerSecond = 123.456,
        };
        working.Jobs.Add(new JobKindCount { Kind = "train", Active = 2, Pending = 1 });
        working.Jobs.Add(new JobKindCount { Kind = "sweep", Active = 0, Pending = 0 });
        var silent = new ClusterSilo { Address = "10.0.0.6:11111", Host = "pod-b", Status = "active", Error = "did not answer: timed out" };
        var status = new ClusterStatus { ClusterId = "prod", SiloCount = 2, Activations = 42, StepsPerSecond = 123.456 };
        status.Jobs.Add(new JobKindCount { Kind = "train", Active = 2, Pending = 1 });
        status.Jobs.Add(new JobKindCount { Kind = "sweep", Active = 0, Pending = 0 });
        status.Silos.Add(working);
        status.Silos.Add(silent);
        return status;
    }

    [Fact]
    public void The_tables_show_totals_jobs_per_kind_and_a_row_per_silo()
    {
        var (console, text) = PlainConsole.Create();

        ClusterStatusView.Write(console, TwoSilos());

        var lines = text.ToString().Split('\n');
        Assert.Equal("cluster prod: 2 active silos, 42 activations, 123.5 steps/s", lines[0]);
        Assert.Single(lines, line => line.Contains("│ train │") && line.Contains("│      2 │") && line.Contains("│       1 │"));
        var working = Assert.Single(lines, line => line.Contains("10.0.0.5:11111"));
        Assert.Matches(@"│ 10\.0\.0\.5:11111 │ pod-a +│ active +│ all +│ 2026-12-02 17:30 +│ +42 │ train 2/1 +│ +123\.5 │", working);
        var silent = Assert.Single(lines, line => line.Contains("10.0.0.6:11111"));
        Assert.Matches(@"│ +- │ did not answer: timed out +│ +- │", silent);
    }

    [Fact]
    public void A_silo_without_live_jobs_says_none()
    {
        var status = TwoSilos();
        status.Silos[0].Jobs.Clear();
        var (console, text) = PlainConsole.Create();

        ClusterStatusView.Write(console, status);

        Assert.Matches(@"│ 10\.0\.0\.5:11111 .*│ none +│", text.ToString());
    }

    [Fact]
    public void The_json_has_snake_case_keys_and_numbers_for_counts()
    {
        var json = ProtoJson.Format(TwoSilos());

        Assert.StartsWith("{ \"cluster_id\": \"prod\", \"silo_count\": 2, \"jobs\": [ { \"kind\": \"train\", \"active\": 2, \"pending\": 1 }", json);
        Assert.Contains("\"start_time\": \"2026-12-02T17:30:05Z\", \"activations\": 42,", json);
        Assert.Contains("\"steps_per_second\": 123.456, \"error\": \"\" }", json);
        Assert.Contains("\"error\": \"did not answer: timed out\"", json);
    }
}
