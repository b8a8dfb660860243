package org.ctys.plugin.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class GraphTest {

    private final Lab lab = LabReader.read(LabReaderTest.threeHosts(), "bl.yaml");

    @Test
    void dotDrawsHostsAroundTheirSwitchesAndGuests() {
        assertEquals("""
                graph "bl" {
                  node [shape=box];
                  subgraph cluster_0 {
                    label="h1";
                    "s1";
                    "g1" [shape=ellipse, label="g1\\nQEMU pxe1"];
                  }
                  subgraph cluster_1 {
                    label="admin@h2:2222";
                    "s2";
                  }
                  subgraph cluster_2 {
                    label="h3";
                    "s3";
                  }
                  "s1" -- "s2" [label="ssh"];
                  "s2" -- "s3" [label="vxlan"];
                  "s1" -- "s3" [label="ssh 20ms±5ms 1% 10mbit"];
                  "g1" -- "s1";
                }
                """, Graph.dot(lab));
    }

    @Test
    void mermaidGivesNodesIdsOfItsOwnAndQuotesLabels() {
        assertEquals("""
                flowchart LR
                  subgraph host0["h1"]
                    n0["s1"]
                    n1(["g1: QEMU pxe1"])
                  end
                  subgraph host1["admin@h2:2222"]
                    n2["s2"]
                  end
                  subgraph host2["h3"]
                    n3["s3"]
                  end
                  n0 ---|"ssh"| n2
                  n2 ---|"vxlan"| n3
                  n0 ---|"ssh 20ms±5ms 1% 10mbit"| n3
                  n1 --- n0
                """, Graph.mermaid(lab));
    }
}
