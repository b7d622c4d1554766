package io.github.citusaudit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;

import org.apache.maven.plugin.surefire.log.api.NullConsoleLogger;
import org.apache.maven.plugins.surefire.report.ReportTestCase;
import org.apache.maven.plugins.surefire.report.ReportTestSuite;
import org.apache.maven.plugins.surefire.report.TestSuiteXmlParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

class ReportWritersTest {

    /** Quotes, markup, a line break, a non-ASCII character and a control character. */
    private static final String HOSTILE = "trigger \"audit_<orders>\" & 'x'\nsee café\u0001!";

    private static VerifyReport report() {
        return new VerifyReport("db \"prod\"", List.of(
                new CheckResult("public.accounts", "triggers", List.of(), 12),
                new CheckResult("public.orders", "placements", List.of(
                        new Finding("10.0.0.2:5432 shard 102008", HOSTILE),
                        new Finding("", "missing <audit> & more")), 1234)));
    }

    @Test
    void jsonIsExactAndEscaped() {
        String expected = """
                {
                  "server": "db \\"prod\\"",
                  "passed": false,
                  "checks": [
                    {
                      "table": "public.accounts",
                      "check": "triggers",
                      "passed": true,
                      "millis": 12,
                      "findings": []
                    },
                    {
                      "table": "public.orders",
                      "check": "placements",
                      "passed": false,
                      "millis": 1234,
                      "findings": [
                        {
                          "where": "10.0.0.2:5432 shard 102008",
                          "message": "trigger \\"audit_<orders>\\" & 'x'\\nsee café\\u0001!"
                        },
                        {
                          "where": "",
                          "message": "missing <audit> & more"
                        }
                      ]
                    }
                  ]
                }
                """;
        assertEquals(expected, VerifyJson.of(report()));
    }

    @Test
    void jsonEscapesEveryControlCharacterAndBackslash() {
        assertEquals("\"a\\\\b\\t\\r\\u001f\\u007f\"", VerifyJson.string("a\\b\t\r\u001f\u007f"));
        assertEquals("null", VerifyJson.string(null));
        assertEquals("""
                {
                  "server": "s",
                  "passed": true,
                  "checks": []
                }
                """, VerifyJson.of(new VerifyReport("s", List.of())));
    }

    @Test
    void jsonWriteCreatesParentDirectories(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("a/b/verify.json");
        VerifyJson.write(report(), file);
        assertEquals(VerifyJson.of(report()), Files.readString(file, StandardCharsets.UTF_8));
    }

    @Test
    void junitXmlParsesWithTheJdk() throws Exception {
        String xml = JUnitXml.of(report());
        DocumentBuilder builder = DocumentBuilderFactory.newInstance().newDocumentBuilder();
        Document document = builder.parse(new InputSource(new StringReader(xml)));

        Element suite = document.getDocumentElement();
        assertEquals("testsuite", suite.getTagName());
        assertEquals("citus-audit.verify", suite.getAttribute("name"));
        assertEquals("2", suite.getAttribute("tests"));
        assertEquals("1", suite.getAttribute("failures"));
        assertEquals("0", suite.getAttribute("errors"));
        assertEquals("0", suite.getAttribute("skipped"));
        assertEquals("1.246", suite.getAttribute("time"));
        assertFalse(suite.hasAttribute("timestamp"));

        Element property = (Element) suite.getElementsByTagName("property").item(0);
        assertEquals("server", property.getAttribute("name"));
        assertEquals("db \"prod\"", property.getAttribute("value"));

        NodeList cases = suite.getElementsByTagName("testcase");
        assertEquals(2, cases.getLength());
        Element passing = (Element) cases.item(0);
        assertEquals("public.accounts", passing.getAttribute("classname"));
        assertEquals("triggers", passing.getAttribute("name"));
        assertEquals("0.012", passing.getAttribute("time"));
        assertEquals(0, passing.getElementsByTagName("failure").getLength());

        Element failing = (Element) cases.item(1);
        assertEquals("public.orders", failing.getAttribute("classname"));
        assertEquals("placements", failing.getAttribute("name"));
        assertEquals("1.234", failing.getAttribute("time"));
        Element failure = (Element) failing.getElementsByTagName("failure").item(0);
        String first = "10.0.0.2:5432 shard 102008: trigger \"audit_<orders>\" & 'x'\nsee café!";
        assertEquals(first, failure.getAttribute("message"));
        assertEquals("citus-audit.drift", failure.getAttribute("type"));
        assertEquals(first + "\nmissing <audit> & more\n", failure.getTextContent());
    }

    @Test
    void junitXmlIsDeterministicAndDropsIllegalCharacters() {
        String xml = JUnitXml.of(report());
        assertEquals(xml, JUnitXml.of(report()));
        assertFalse(xml.contains("\u0001"));
        assertEquals("a&amp;b&lt;c&gt;d&quot;e&apos;f&#10;g&#9;h", JUnitXml.attribute("a&b<c>d\"e'f\ng\th"));
        assertEquals("a\nb 😀", JUnitXml.text("a\nb\u0000\uFFFE\uD800 😀"));
    }

    @Test
    void surefireReportParserReadsTheWrittenFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("surefire-reports/TEST-citus-audit.verify.xml");
        JUnitXml.write(report(), file);

        List<ReportTestSuite> suites = new TestSuiteXmlParser(new NullConsoleLogger()).parse(file.toString());
        int tests = 0;
        int failures = 0;
        int errors = 0;
        List<ReportTestCase> cases = new ArrayList<>();
        for (ReportTestSuite suite : suites) {
            tests += suite.getNumberOfTests();
            failures += suite.getNumberOfFailures();
            errors += suite.getNumberOfErrors();
            cases.addAll(suite.getTestCases());
        }
        assertEquals(2, tests);
        assertEquals(1, failures);
        assertEquals(0, errors);
        assertEquals(2, cases.size());

        ReportTestCase passing = cases.stream().filter(c -> c.getName().equals("triggers")).findFirst().orElseThrow();
        assertTrue(passing.isSuccessful());
        assertEquals("public.accounts", passing.getFullClassName());
        ReportTestCase failing = cases.stream().filter(c -> c.getName().equals("placements")).findFirst().orElseThrow();
        assertTrue(failing.hasFailure());
        assertEquals("public.orders", failing.getFullClassName());
        assertEquals("citus-audit.drift", failing.getFailureType());
        assertTrue(failing.getFailureMessage().startsWith("10.0.0.2:5432 shard 102008: trigger \"audit_<orders>\""),
                failing.getFailureMessage());
    }
}
