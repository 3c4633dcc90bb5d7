package io.mlsyslab.analytics.api;

import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.startsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.mlsyslab.platform.errors.ProblemHandler;
import org.junit.jupiter.api.Test;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

class RegimesControllerTest {

    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new RegimesController())
            .setControllerAdvice(new ProblemHandler())
            .build();

    @Test
    void returnsThePhaseDiagramRow() throws Exception {
        mvc.perform(get("/api/analytics/kde/regimes").param("alpha", "0.5").param("sigma", "2"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.asymptotic.lambdaG").value(closeTo(2.3513, 5e-5), Double.class))
                .andExpect(jsonPath("$.asymptotic.hG").value(closeTo(2 * 0.6521, 1e-4), Double.class))
                .andExpect(jsonPath("$.asymptotic.hClt").value(closeTo(2 * 0.9223, 1e-4), Double.class))
                .andExpect(jsonPath("$.asymptotic.hKl").value(closeTo(2 * 0.6224, 1e-4), Double.class))
                .andExpect(jsonPath("$.asymptotic.klPerDimAtHKl").value(closeTo(0.0259, 5e-5), Double.class))
                .andExpect(jsonPath("$.finiteSize").doesNotExist())
                .andExpect(jsonPath("$.curves.length()").value(0));
    }

    @Test
    void finiteSizeAndCurvesOnRequest() throws Exception {
        mvc.perform(get("/api/analytics/kde/regimes").param("alpha", "0.5").param("d", "20").param("points", "11"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.finiteSize.n").value(22026.0))
                .andExpect(jsonPath("$.finiteSize.heuristicAlpha").value(closeTo(0.5 - Math.log(20) / 40, 1e-12), Double.class))
                .andExpect(jsonPath("$.finiteSize.nearestNeighbourPerDim").value(closeTo(0.45622, 1e-4), Double.class))
                .andExpect(jsonPath("$.curves.length()").value(11))
                .andExpect(jsonPath("$.curves[0].ratio").value(closeTo(0.25, 1e-12), Double.class));
    }

    @Test
    void badInputIs400NamingTheField() throws Exception {
        mvc.perform(get("/api/analytics/kde/regimes"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith("application/problem+json"))
                .andExpect(jsonPath("$.errors[0].field").value("alpha"));
        mvc.perform(get("/api/analytics/kde/regimes").param("alpha", "abc"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("alpha"));
        mvc.perform(get("/api/analytics/kde/regimes").param("alpha", "0.5").param("sigma", "-1"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("sigma"))
                .andExpect(jsonPath("$.detail").value(startsWith("sigma:")));
        mvc.perform(get("/api/analytics/kde/regimes").param("alpha", "NaN"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("alpha"));
        mvc.perform(get("/api/analytics/kde/regimes").param("alpha", "0.5").param("d", "0"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("d"));
        mvc.perform(get("/api/analytics/kde/regimes").param("alpha", "2").param("d", "100"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(jsonPath("$.errors[0].field").value("d"));
    }
}
