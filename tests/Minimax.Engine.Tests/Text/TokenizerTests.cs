using System.Text;
using Minimax.Engine.Text;

namespace Minimax.Engine.Tests.Text;

public sealed class TokenizerTests
{
    [Fact]
    public void Byte_tokenizer_round_trips_utf8()
    {
        var tokenizer = Tokenizers.Create(TokenizerKind.Bytes);
        const string text = "héllo ☃ world";

        var tokens = tokenizer.Encode(text);

        Assert.Equal(257, tokenizer.VocabularySize);
        Assert.Equal(256, tokenizer.EndOfText);
        Assert.All(tokens, t => Assert.InRange(t, 0, 255));
        Assert.Equal(text, Encoding.UTF8.GetString(tokens.Select(t => (byte)t).ToArray()));
    }

    [Fact]
    public void Gpt2_tokenizer_matches_the_reference_ids()
    {
        var tokenizer = Tokenizers.Create(TokenizerKind.Gpt2);

        Assert.IsType<Gpt2Tokenizer>(tokenizer);
        Assert.Equal(50257, tokenizer.VocabularySize);
        Assert.Equal(50256, tokenizer.EndOfText);
        Assert.Equal([15496, 995], tokenizer.Encode("Hello world"));
    }
}
