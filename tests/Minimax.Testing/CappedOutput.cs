using System.Text;

namespace Minimax.Testing;

/// <summary>The first 64 KiB a child process printed, line by line from its output events, for failure messages.</summary>
public sealed class CappedOutput
{
    private const int Limit = 64 * 1024;

    private readonly StringBuilder _text = new();

    public void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_text)
        {
            if (_text.Length < Limit)
            {
                _text.AppendLine(line);
            }
        }
    }

    public void Clear()
    {
        lock (_text)
        {
            _text.Clear();
        }
    }

    public override string ToString()
    {
        lock (_text)
        {
            return _text.ToString();
        }
    }
}
