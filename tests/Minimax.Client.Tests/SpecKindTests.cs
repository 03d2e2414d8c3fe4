using Minimax.Client.Mixtures;

namespace Minimax.Client.Tests;

public sealed class SpecKindTests
{
    [Theory]
    [InlineData("name: a\n", "Train")]
    [InlineData("kind: train\nname: a\n", "Train")]
    [InlineData("name: a\nkind: doremi\ndomains: { dir: data }\n", "Doremi")]
    [InlineData("kind: \"doremi\"\n", "Doremi")]
    [InlineData("model: { kind: mlp }\nobjective:\n  kind: group_dro\n", "Train")]
    [InlineData("", "Train")]
    [InlineData("- a list\n", "Train")]
    [InlineData("name: [unclosed\n", "Train")]
    public void The_top_level_kind_decides(string yaml, string expected)
    {
        Assert.Equal(Enum.Parse<JobKind>(expected), SpecKind.Detect(yaml, [], out var error));
        Assert.Null(error);
    }

    [Theory]
    [InlineData("kind: DoReMi\n", "kind: 'DoReMi' is not a job kind; use train (the default) or doremi")]
    [InlineData("kind: group_dro\n", "kind: 'group_dro' is not a job kind; use train (the default) or doremi")]
    [InlineData("kind:\n", "kind: '' is not a job kind; use train (the default) or doremi")]
    [InlineData("kind: { a: 1 }\n", "kind: must be a word (train or doremi), not a mapping")]
    [InlineData("kind: [doremi]\n", "kind: must be a word (train or doremi), not a list")]
    public void Any_other_kind_is_an_error(string yaml, string message)
    {
        Assert.Null(SpecKind.Detect(yaml, [], out var error));
        Assert.Equal(message, error);
    }

    [Fact]
    public void A_kind_override_wins_over_the_file()
    {
        Assert.Equal(JobKind.Doremi, SpecKind.Detect("kind: train\n", ["name=x", "kind=train", "kind=doremi"], out _));
        Assert.Equal(JobKind.Train, SpecKind.Detect("kind: doremi\n", ["kind=train"], out _));
        Assert.Null(SpecKind.Detect("kind: doremi\n", ["kind=bogus"], out var error));
        Assert.StartsWith("kind: 'bogus'", error);
    }

    [Theory]
    [InlineData("mix-1", true)]
    [InlineData("mix-", true)]
    [InlineData("run-1", false)]
    [InlineData("mixture", false)]
    [InlineData("MIX-1", false)]
    public void Mixture_ids_start_with_mix_dash(string id, bool expected) =>
        Assert.Equal(expected, MixtureWatcher.IsMixtureId(id));
}
