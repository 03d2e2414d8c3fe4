using Minimax.Client.Connection;
using Minimax.Client.Jobs;
using Minimax.Client.Runs;
using Minimax.Contracts.Api;

namespace Minimax.Client.Tests;

public sealed class ClientHelpersTests
{
    [Theory]
    [InlineData("http://127.0.0.1:5000", "http://127.0.0.1:5000/")]
    [InlineData("https://cluster.example.org", "https://cluster.example.org/")]
    [InlineData("HTTP://host:80/", "http://host/")]
    public void Http_and_https_cluster_addresses_parse(string text, string expected)
    {
        Assert.Equal(expected, ClusterConnection.ParseAddress(text)?.ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("localhost:5000")]
    [InlineData("127.0.0.1:5000")]
    [InlineData("ftp://host")]
    [InlineData("/tmp/socket")]
    [InlineData("cluster")]
    public void Other_cluster_addresses_are_rejected(string text)
    {
        Assert.Null(ClusterConnection.ParseAddress(text));
    }

    [Fact]
    public void Progress_line_shows_step_loss_worst_group_and_weights()
    {
        var progress = new RunProgress
        {
            Step = 10,
            TotalSteps = 100,
            TrainLoss = 0.123456,
            Val = new SplitMetrics { WorstGroupAccuracy = 0.5, WorstGroup = 2 },
            GroupWeights = { 0.1, 0.2, 0.3, 0.4 },
        };

        Assert.Equal("step 10/100  loss 0.1235  val worst 0.500 (g2)  q [0.100 0.200 0.300 0.400]", RunProgressText.Describe(progress));
    }

    [Fact]
    public void Progress_line_without_evaluation_or_weights_has_step_and_loss_only()
    {
        Assert.Equal("step 0/5  loss 0.0000", RunProgressText.Describe(new RunProgress { TotalSteps = 5 }));
    }

    [Fact]
    public void Progress_line_shows_at_most_eight_weights()
    {
        var progress = new RunProgress { Step = 1, TotalSteps = 2 };
        progress.GroupWeights.AddRange(Enumerable.Repeat(0.1, 10));

        Assert.EndsWith("q [0.100 0.100 0.100 0.100 0.100 0.100 0.100 0.100 ...]", RunProgressText.Describe(progress));
    }

    [Theory]
    [InlineData("completed", false)]
    [InlineData("failed", true)]
    [InlineData("cancelled", true)]
    [InlineData("running", false)]
    [InlineData("pending", false)]
    public void Only_failed_and_cancelled_jobs_are_unsuccessful(string status, bool unsuccessful)
    {
        Assert.Equal(unsuccessful, JobOutcome.IsUnsuccessful(status));
    }
}
