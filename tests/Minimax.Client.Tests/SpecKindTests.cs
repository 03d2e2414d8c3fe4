using Minimax.Cli;
using Minimax.Client.Jobs;

namespace Minimax.Client.Tests;

public sealed class SpecKindTests
{
    private static string? Detect(string yaml, string[] overrides, out string? error) =>
        SpecKind.Detect(yaml, overrides, JobRenderers.Default, out error);

    [Theory]
    [InlineData("name: a\n", "train")]
    [InlineData("kind: train\nname: a\n", "train")]
    [InlineData("name: a\nkind: doremi\ndomains: { dir: data }\n", "doremi")]
    [InlineData("kind: \"doremi\"\n", "doremi")]
    [InlineData("kind: evaluation\nmodels: []\n", "evaluation")]
    [InlineData("kind: sweep\nbase: groupdro.yaml\ngrid: { seed: [0, 1] }\n", "sweep")]
    [InlineData("model: { kind: mlp }\nobjective:\n  kind: group_dro\n", "train")]
    [InlineData("", "train")]
    [InlineData("- a list\n", "train")]
    [InlineData("name: [unclosed\n", "train")]
    public void The_top_level_kind_decides(string yaml, string expected)
    {
        Assert.Equal(expected, Detect(yaml, [], out var error));
        Assert.Null(error);
    }

    [Theory]
    [InlineData("kind: DoReMi\n", "kind: 'DoReMi' is not a job kind; use train (the default), doremi, evaluation or sweep")]
    [InlineData("kind: group_dro\n", "kind: 'group_dro' is not a job kind; use train (the default), doremi, evaluation or sweep")]
    [InlineData("kind:\n", "kind: '' is not a job kind; use train (the default), doremi, evaluation or sweep")]
    [InlineData("kind: { a: 1 }\n", "kind: must be a word (train, doremi, evaluation or sweep), not a mapping")]
    [InlineData("kind: [doremi]\n", "kind: must be a word (train, doremi, evaluation or sweep), not a list")]
    public void Any_other_kind_is_an_error(string yaml, string message)
    {
        Assert.Null(Detect(yaml, [], out var error));
        Assert.Equal(message, error);
    }

    [Fact]
    public void A_kind_override_wins_over_the_file()
    {
        Assert.Equal("doremi", Detect("kind: train\n", ["name=x", "kind=train", "kind=doremi"], out _));
        Assert.Equal("train", Detect("kind: doremi\n", ["kind=train"], out _));
        Assert.Null(Detect("kind: doremi\n", ["kind=bogus"], out var error));
        Assert.StartsWith("kind: 'bogus'", error);
    }

    [Fact]
    public void The_kinds_are_the_registered_renderers()
    {
        var onlyTrain = new JobRenderers([new Runs.TrainRenderer()]);

        Assert.Null(SpecKind.Detect("kind: doremi\n", [], onlyTrain, out var error));
        Assert.Equal("kind: 'doremi' is not a job kind; use train (the default)", error);
    }
}
