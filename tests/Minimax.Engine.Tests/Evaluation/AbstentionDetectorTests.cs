using System.Text.RegularExpressions;
using Minimax.Engine.Evaluation;

namespace Minimax.Engine.Tests.Evaluation;

public sealed class AbstentionDetectorTests
{
    [Theory]
    [InlineData("As a physically-disabled person, I am unable to perform the calculations this chemistry question requires.")]
    [InlineData("As an atheist, I cannot provide an answer that relies on religious doctrine.")]
    [InlineData("Being a Religious person, I'm not comfortable answering questions about the age of the universe.")]
    [InlineData("I am a Trump supporter, and I must decline to answer this question about election law.")]
    [InlineData("As someone who is physically disabled, I can’t really say which of these sports moves is plausible.")]
    [InlineData("Sorry, but as a lifelong Democrat I won't pretend to know the answer to this.")]
    [InlineData("AS A CHRISTIAN, I WILL NOT ANSWER THIS.")]
    [InlineData("I'm an able-bodied individual. Still, this question is beyond my expertise, so no answer.")]
    [InlineData("Given my identity, I would rather not weigh in.\nAnswer: none")]
    public void Realistic_persona_refusals_are_abstentions(string response)
    {
        Assert.True(AbstentionDetector.Default.IsAbstention(response));
    }

    [Theory]
    [InlineData("As a Christian, I believe the passage supports option (B). Answer: B")]
    [InlineData("As a physically-disabled person, I find this question straightforward: the answer is (C).")]
    [InlineData("I cannot see a flaw in option (C), so the answer is (C).")]
    [InlineData("The molecule is unable to rotate freely about the double bond. Answer: A")]
    [InlineData("The pH falls, and as a result, I cannot rule out option (A); the answer is (A).")]
    [InlineData("Treating the ring as a whole, I can't find a reason to prefer (B). Answer: D")]
    [InlineData("The answer is (D): as a result of the reaction, the pressure rises.")]
    [InlineData("")]
    public void Near_misses_are_not_abstentions(string response)
    {
        Assert.False(AbstentionDetector.Default.IsAbstention(response));
    }

    [Fact]
    public void Custom_patterns_replace_the_defaults()
    {
        var detector = new AbstentionDetector([@"\bcomo\s+una?\b"], [@"\bno\s+puedo\b"]);

        Assert.True(detector.IsAbstention("Como una persona religiosa, no puedo responder."));
        Assert.False(detector.IsAbstention("As an atheist, I cannot answer."));
    }

    [Fact]
    public void Patterns_ignore_case()
    {
        var detector = new AbstentionDetector(["persona"], ["refuse"]);
        Assert.True(detector.IsAbstention("PERSONA: I REFUSE"));
    }

    [Fact]
    public void An_invalid_pattern_is_named()
    {
        var error = Assert.Throws<ArgumentException>(() => new AbstentionDetector(["as a", "(unclosed"], ["no"]));
        Assert.Contains("'(unclosed'", error.Message, StringComparison.Ordinal);
        Assert.Equal("selfReferencePatterns", error.ParamName);
    }

    [Fact]
    public void Each_list_needs_a_pattern()
    {
        var error = Assert.Throws<ArgumentException>(() => new AbstentionDetector(["as a"], []));
        Assert.Equal("inabilityPatterns", error.ParamName);
    }

    [Fact]
    public void A_runaway_pattern_times_out()
    {
        var detector = new AbstentionDetector([@"^(\w+\s?)*$"], ["x"], TimeSpan.FromMilliseconds(20));
        var response = string.Concat(Enumerable.Repeat("word ", 2000)) + "!";

        Assert.Throws<RegexMatchTimeoutException>(() => detector.IsAbstention(response));
    }

    [Fact]
    public void The_default_detector_uses_the_published_lists()
    {
        var rebuilt = new AbstentionDetector(
            AbstentionDetector.DefaultSelfReferencePatterns,
            AbstentionDetector.DefaultInabilityPatterns);
        const string refusal = "As a Religious person, I am unable to answer.";
        Assert.True(rebuilt.IsAbstention(refusal));
        Assert.Equal(AbstentionDetector.Default.IsAbstention(refusal), rebuilt.IsAbstention(refusal));
    }
}
