namespace Dossier.Bench.Load;

/// <summary>
/// The live progress display: one line rewritten in place on a terminal, a line every few seconds
/// when the output goes to a file or pipe.
/// </summary>
public sealed class ConsoleProgress
{
    private readonly Lock gate = new();
    private readonly bool interactive = !Console.IsOutputRedirected;
    private DateTime lastPlain = DateTime.MinValue;
    private bool lineOpen;

    public static ConsoleProgress Instance { get; } = new();

    /// <summary>A permanent line (finished step, measured figure).</summary>
    public void Note(string text)
    {
        lock (gate)
        {
            ClearLine();
            Console.WriteLine(text);
        }
    }

    /// <summary>The live status of the running phase.</summary>
    public void Status(string text)
    {
        lock (gate)
        {
            if (interactive)
            {
                var width = Math.Max(20, SafeWidth() - 1);
                Console.Write("\r\u001b[2K" + (text.Length > width ? text[..width] : text));
                lineOpen = true;
            }
            else if (DateTime.UtcNow - lastPlain > TimeSpan.FromSeconds(5))
            {
                Console.WriteLine("   " + text);
                lastPlain = DateTime.UtcNow;
            }
        }
    }

    public void ClearStatus()
    {
        lock (gate)
        {
            ClearLine();
            lastPlain = DateTime.MinValue;
        }
    }

    private void ClearLine()
    {
        if (interactive && lineOpen)
        {
            Console.Write("\r\u001b[2K");
            lineOpen = false;
        }
    }

    private static int SafeWidth()
    {
        try
        {
            return Console.WindowWidth > 0 ? Console.WindowWidth : 120;
        }
        catch (IOException)
        {
            return 120;
        }
    }
}
