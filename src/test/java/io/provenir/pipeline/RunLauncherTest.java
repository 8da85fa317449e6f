package io.provenir.pipeline;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import io.provenir.io.InputReadException;
import java.io.EOFException;
import java.io.IOException;
import org.junit.Test;

public class RunLauncherTest {

  /**
   * The run's one-line error is the innermost exception, unless an input file could not be read:
   * then the message that names the file, not the stream's bare EOFException beneath it.
   */
  @Test
  public void theFailureNamesTheInputFileThatCouldNotBeRead() {
    InputReadException read = new InputReadException("/data/a.jsonl.gz", 22, new EOFException());
    assertThat(RunLauncher.rootCause(new RuntimeException(new IllegalStateException(read))),
        is("cannot read /data/a.jsonl.gz after line 22: it ends early (a truncated or corrupt"
            + " compressed file?)"));
    assertThat(RunLauncher.rootCause(new RuntimeException(new IOException("disk gone"))),
        is("IOException: disk gone"));
    assertThat(new InputReadException("b.gz", 0, new java.util.zip.ZipException("bad crc"))
        .getMessage(), is("cannot read b.gz: corrupt compressed data (bad crc)"));
  }
}
